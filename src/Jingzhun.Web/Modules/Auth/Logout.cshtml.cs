using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Auth;

public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    // A GET only offers the button: signing out on GET would let any link log the user out.
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/login");
    }
}

using System.ComponentModel.DataAnnotations;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Auth;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(LoginThrottle.Policy)] // POST only: see LoginThrottle
public sealed class LoginModel(SignInHandler handler, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty, Display(Name = "用户名")] public string? Username { get; set; }
    [BindProperty, Display(Name = "密码")] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var r = await handler.CheckAsync(Username, Password);
        if (r.User is null)
        {
            Error = r.Error;
            Password = null;
            Response.StatusCode = r.Status == StatusCodes.Status429TooManyRequests ? r.Status : StatusCodes.Status200OK;
            return Page();
        }
        await signIn.SignInAsync(r.User, isPersistent: false);
        return LocalRedirect(SafeReturnUrl);
    }

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) && !ReturnUrl.StartsWith("/login", StringComparison.OrdinalIgnoreCase)
        ? ReturnUrl : "/";
}

using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Registry.RegisterHousehold;

/// <summary>建档: a new household and its head, through the same handler as the API.</summary>
[Authorize(Policy = Permissions.RegistryCreate)]
public sealed class NewModel(RegisterHouseholdHandler handler) : PageModel
{
    [BindProperty] public string? VillageCode { get; set; }
    [BindProperty] public HouseholdFacts Household { get; set; } = new();
    [BindProperty] public MemberFacts Head { get; set; } = new() { Relationship = Relationship.Head };

    public string? Problem { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.AcceptBinding())
        {
            Problem = FormErrors.FixAndRetry;
            return Page();
        }
        var request = new RegisterHouseholdRequest(VillageCode ?? "", Household,
            Head with { Relationship = Relationship.Head, Gender = null, BirthDate = null });
        var result = await handler.HandleAsync(request, ct);
        if (!result.Succeeded)
        {
            Problem = ModelState.AddFailure(result.Failure!);
            return Page();
        }
        var saved = result.Value!;
        TempData["Message"] = FormErrors.WithWarnings($"已建档：户编号 {saved.HouseholdNumber}", saved.Warnings);
        return Redirect($"/households/{saved.Id}");
    }
}

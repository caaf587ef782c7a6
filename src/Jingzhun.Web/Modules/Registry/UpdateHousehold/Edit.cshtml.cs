using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Registry.UpdateHousehold;

/// <summary>修改户信息, with the version the editor saw: a stale edit is refused and the input kept.</summary>
[Authorize(Policy = Permissions.RegistryEdit)]
public sealed class EditModel(UpdateHouseholdHandler handler, GetHouseholdHandler get) : PageModel
{
    [BindProperty] public HouseholdFacts Household { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public HouseholdView? Current { get; private set; }
    public string? Problem { get; private set; }
    public bool IsConflict { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] long id, CancellationToken ct)
    {
        var h = await get.HandleAsync(id, ct);
        if (!h.Succeeded) return NotFound();
        Current = h.Value!;
        // The stored phone is shown masked beside an empty field, never as editable text: a blank field keeps it.
        Household = Current.Household with { Phone = null };
        Version = Current.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] long id, CancellationToken ct)
    {
        var h = await get.HandleAsync(id, ct);
        if (!h.Succeeded) return NotFound();
        Current = h.Value!;
        if (!ModelState.AcceptBinding())
        {
            Problem = FormErrors.FixAndRetry;
            return Page();
        }
        // A blank phone keeps the stored one (the handler keeps a phone posted back as its masked form).
        var facts = string.IsNullOrWhiteSpace(Household.Phone) ? Household with { Phone = Current.Household.Phone } : Household;
        var result = await handler.HandleAsync(id, new UpdateHouseholdRequest(facts, Version), ct);
        if (!result.Succeeded)
        {
            if (result.Failure!.Kind == FailureKind.NotFound) return NotFound();
            IsConflict = result.Failure.Kind == FailureKind.Conflict;
            Problem = ModelState.AddFailure(result.Failure);
            return Page();
        }
        TempData["Message"] = "户信息已保存";
        return Redirect($"/households/{id}");
    }
}

using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Registry.ManageMembers;

/// <summary>增员: a new member of an existing household.</summary>
[Authorize(Policy = Permissions.RegistryEdit)]
public sealed class NewModel(ManageMembersHandler handler, GetHouseholdHandler get) : PageModel
{
    [BindProperty] public MemberFacts Member { get; set; } = new() { Relationship = Relationship.Spouse };

    public HouseholdView? Household { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] long id, CancellationToken ct)
    {
        var h = await get.HandleAsync(id, ct);
        if (!h.Succeeded) return NotFound();
        Household = h.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] long id, CancellationToken ct)
    {
        var h = await get.HandleAsync(id, ct);
        if (!h.Succeeded) return NotFound();
        Household = h.Value;
        if (!ModelState.AcceptBinding())
        {
            Problem = FormErrors.FixAndRetry;
            return Page();
        }
        var result = await handler.AddAsync(id, new AddMemberRequest(Member with { Gender = null, BirthDate = null }), ct);
        if (!result.Succeeded)
        {
            if (result.Failure!.Kind == FailureKind.NotFound) return NotFound();
            Problem = ModelState.AddFailure(result.Failure);
            return Page();
        }
        TempData["Message"] = FormErrors.WithWarnings($"已增加成员 {Member.Name.Trim()}", result.Value!.Warnings);
        return Redirect($"/households/{id}");
    }
}

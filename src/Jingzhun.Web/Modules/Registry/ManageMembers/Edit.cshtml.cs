using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Protection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.ManageMembers;

/// <summary>
/// 修改成员. The stored ID number is never shown: the field is blank and a blank field keeps the number (it is
/// decrypted only to hand the handler the unchanged facts, never sent to the browser).
/// </summary>
[Authorize(Policy = Permissions.RegistryEdit)]
public sealed class EditModel(ManageMembersHandler handler, AppDbContext db, PersonalDataProtector protector) : PageModel
{
    [BindProperty] public MemberFacts Member { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    [BindProperty] public Relationship? FormerHeadRelationship { get; set; }

    public long HouseholdId { get; private set; }
    public string HouseholdNumber { get; private set; } = "";
    public string HeadName { get; private set; } = "";
    public string IdMasked { get; private set; } = "";
    public bool IsHead { get; private set; }
    public MemberStatus Status { get; private set; }
    public string? Problem { get; private set; }
    public bool IsConflict { get; private set; }

    private async Task<string?> LoadAsync(long id, bool fill, CancellationToken ct)
    {
        var m = await db.Members.AsNoTracking().Include(x => x.Household).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return null;
        HouseholdId = m.HouseholdId;
        HouseholdNumber = m.Household.HouseholdNumber;
        HeadName = m.Household.HeadName;
        IdMasked = m.IdNumberMasked;
        IsHead = m.Relationship == Relationship.Head;
        Status = m.Status;
        if (fill)
        {
            Member = m.ToFacts("") with { Gender = null, BirthDate = null };
            Version = m.Version;
        }
        return m.IdNumberCipher;
    }

    public async Task<IActionResult> OnGetAsync([FromRoute] long id, CancellationToken ct) =>
        await LoadAsync(id, fill: true, ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync([FromRoute] long id, CancellationToken ct)
    {
        var cipher = await LoadAsync(id, fill: false, ct);
        if (cipher is null) return NotFound();
        if (!ModelState.AcceptBinding())
        {
            Problem = FormErrors.FixAndRetry;
            return Page();
        }
        var idNumber = string.IsNullOrWhiteSpace(Member.IdNumber) ? protector.RevealIdNumber(cipher) : Member.IdNumber;
        var facts = Member with { IdNumber = idNumber, Gender = null, BirthDate = null };
        var former = facts.Relationship == Relationship.Head && !IsHead ? FormerHeadRelationship : null;
        var result = await handler.UpdateAsync(id, new UpdateMemberRequest(facts, Version, former), ct);
        if (!result.Succeeded)
        {
            if (result.Failure!.Kind == FailureKind.NotFound) return NotFound();
            IsConflict = result.Failure.Kind == FailureKind.Conflict;
            Problem = ModelState.AddFailure(result.Failure);
            return Page();
        }
        TempData["Message"] = FormErrors.WithWarnings($"成员 {Member.Name.Trim()} 的信息已保存", result.Value!.Warnings);
        return Redirect($"/households/{HouseholdId}");
    }
}

using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.ManageMembers;

/// <summary>减员: 迁出, 死亡 or 婚出; the member stays on the record.</summary>
[Authorize(Policy = Permissions.RegistryEdit)]
public sealed class RemoveModel(ManageMembersHandler handler, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public MemberStatus? Reason { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public bool Confirm { get; set; }
    [BindProperty] public int Version { get; set; }

    public long HouseholdId { get; private set; }
    public string HouseholdNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string IdMasked { get; private set; } = "";
    public string RelationshipLabel { get; private set; } = "";
    public MemberStatus Status { get; private set; }
    public string? Problem { get; private set; }
    public bool IsConflict { get; private set; }

    private async Task<bool> LoadAsync(long id, bool fill, CancellationToken ct)
    {
        var m = await db.Members.AsNoTracking().Include(x => x.Household).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return false;
        HouseholdId = m.HouseholdId;
        HouseholdNumber = m.Household.HouseholdNumber;
        Name = m.Name;
        IdMasked = m.IdNumberMasked;
        RelationshipLabel = Labels.Of(m.Relationship);
        Status = m.Status;
        if (fill)
        {
            Version = m.Version;
            Date = ChinaTime.Today(clock);
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync([FromRoute] long id, CancellationToken ct) =>
        await LoadAsync(id, fill: true, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync([FromRoute] long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, fill: false, ct)) return NotFound();
        var ok = ModelState.AcceptBinding();
        if (Date is null) ModelState.AddModelError(nameof(Date), "请填写减员日期");
        if (!Confirm) ModelState.AddModelError(nameof(Confirm), "请勾选确认后再提交");
        if (!ok || Date is null || !Confirm)
        {
            Problem = FormErrors.FixAndRetry;
            return Page();
        }
        var result = await handler.RemoveAsync(id, new RemoveMemberRequest(Reason ?? MemberStatus.Active, Date.Value, Note, Version), ct);
        if (!result.Succeeded)
        {
            if (result.Failure!.Kind == FailureKind.NotFound) return NotFound();
            IsConflict = result.Failure.Kind == FailureKind.Conflict;
            Problem = ModelState.AddFailure(result.Failure);
            return Page();
        }
        TempData["Message"] = $"成员 {Name} 已办理减员（{Labels.Of(Reason!.Value)}，{Date:yyyy-MM-dd}）";
        return Redirect($"/households/{HouseholdId}");
    }
}

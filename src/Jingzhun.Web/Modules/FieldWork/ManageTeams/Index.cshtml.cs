using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.FieldWork.ManageTeams;

/// <summary>驻村工作队 list (paged, village by village) and creation: POST /api/v1/work-teams.</summary>
[Authorize(Permissions.RegistryView)]
public sealed class IndexModel(ManageTeamsHandler teams, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public bool InPost { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }
    [BindProperty] public string? VillageCode { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public long? FirstSecretaryId { get; set; }
    [BindProperty] public List<long> MemberIds { get; set; } = [];

    public PageResult<TeamRow> Teams { get; private set; } = new([], 1, 30, 0);
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public string? Message { get; private set; }
    public bool CanManage => me.Has(Permissions.FieldWorkManage);
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(DateOnly? startedOn, CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            await LoadAsync(ct);
            return Page();
        }
        var r = await teams.SaveAsync(null, new TeamInput(VillageCode ?? "", Name ?? "", FirstSecretaryId ?? 0, MemberIds, startedOn ?? Today, null), ct);
        if (r.Succeeded)
        {
            Message = $"已新建驻村工作队 {r.Value!.Name}";
            (VillageCode, Name, FirstSecretaryId, MemberIds) = (null, null, null, []);
        }
        else { Errors = FormErrors.FieldErrors(r.Failure); Error = r.Failure!.Message; }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var r = await teams.PageAsync(new TeamQuery(Region, InPost, PageNumber, null), ct);
        if (r.Succeeded) Teams = r.Value!;
        else Error ??= r.Failure!.Message;
    }
}

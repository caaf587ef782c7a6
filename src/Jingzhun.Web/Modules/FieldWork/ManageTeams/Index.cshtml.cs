using Jingzhun.Web.Modules.FieldWork.ManagePairings;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.FieldWork.ManageTeams;

/// <summary>驻村工作队 list and creation: GET/POST /api/v1/work-teams.</summary>
[Authorize(Permissions.RegistryView)]
public sealed class IndexModel(ManageTeamsHandler teams, ManageCadresHandler cadres, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty] public string? VillageCode { get; set; }
    [BindProperty] public string? Name { get; set; }

    public IReadOnlyList<TeamRow> Teams { get; private set; } = [];
    public IReadOnlyList<CadreRow> Cadres { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public string? Message { get; private set; }
    public bool CanManage => me.Has(Permissions.FieldWorkManage);
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(long? firstSecretaryId, List<long> memberIds, DateOnly? startedOn, CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            await LoadAsync(ct);
            return Page();
        }
        var r = await teams.SaveAsync(null, new TeamInput(VillageCode ?? "", Name ?? "", firstSecretaryId ?? 0, memberIds, startedOn ?? Today, null), ct);
        if (r.Succeeded) Message = $"已新建驻村工作队 {r.Value!.Name}";
        else { Errors = FormErrors.FieldErrors(r.Failure); Error = r.Failure!.Message; }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var r = await teams.ListAsync(Region, ct);
        Teams = r.Value ?? [];
        if (!r.Succeeded) Error ??= r.Failure!.Message;
        if (CanManage) Cadres = (await cadres.SearchAsync(new CadreQuery(Region, null, true, 1, 500), ct)).Value?.Items ?? [];
    }
}

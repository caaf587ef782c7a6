using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Modules.Dashboards.Dashboard;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Exit;

/// <summary>The 三率一度 calculator's form (GET, so that a result can be linked and printed).</summary>
public sealed class CountyInput
{
    public int? ExitedSampled { get; set; }
    public int? WronglyExited { get; set; }
    public int? NonPoorSampled { get; set; }
    public int? MissedFound { get; set; }
    public int? Surveyed { get; set; }
    public int? Satisfied { get; set; }
    public int? PoorPeople { get; set; }
    public int? RuralPopulation { get; set; }
}

/// <summary>
/// 退出评估: 户退出 (who meets the standard of a year and why not; 发起退出), 村退出 (incidence and checks) and the county's
/// 三率一度 calculator. The same handler as the /api/v1/exit endpoints.
/// </summary>
[Authorize(Permissions.RegistryView)]
public sealed class IndexModel(EvaluateExitHandler handler, DashboardHandler dashboard, CurrentUser me, RegionDirectory regions, TimeProvider clock,
    Projects.Collective.CollectiveEconomyQuery collective) : PageModel
{
    public const string Households = "households", Villages = "villages", County = "county";

    [BindProperty(SupportsGet = true)] public string? Tab { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    /// <summary>只看未达标.</summary>
    [BindProperty(SupportsGet = true)] public bool Unmet { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    /// <summary>The calculator was submitted (its results are shown).</summary>
    [BindProperty(SupportsGet = true)] public bool Calc { get; set; }
    [BindProperty(SupportsGet = true)] public CountyInput Input { get; set; } = new();

    public string ActiveTab => Tab is Villages or County ? Tab : Households;
    public int SelectedYear => Year ?? ChinaTime.Today(clock).Year - 1;
    public int LastYear => ChinaTime.Today(clock).Year;
    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public bool CanStart => me.Has(Permissions.MonitoringWork);

    public PageResult<HouseholdExitRow>? HouseholdRows { get; private set; }
    public IReadOnlyList<VillageExitRow>? VillageRows { get; private set; }
    /// <summary>Each village's 村集体经济 of the year (for readers of the projects), shown beside its exit conditions.</summary>
    public IReadOnlyDictionary<string, Projects.Collective.CollectiveVillageRow>? CollectiveRows { get; private set; }
    public ExitStandard? Standard { get; private set; }
    public CountyEvaluation? Evaluation { get; private set; }
    /// <summary>The registry's figures of the county (defaults of the calculator's overrides).</summary>
    public int? RegistryPoorPeople { get; private set; }
    public int? RegistryRuralPopulation { get; private set; }
    public string? CountyCode { get; private set; }

    public string? Error { get; private set; }
    public IReadOnlyList<string> UnmetConditions { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);

    public string RegionCode => string.IsNullOrWhiteSpace(Region) ? me.RegionCode ?? "" : Region.Trim();
    public string RegionName => RegionCode == "" ? "全国" : regions.NameOf(RegionCode);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>发起退出: starts the procedure of a household that meets the standard, then opens it.</summary>
    public async Task<IActionResult> OnPostStartAsync(long householdId, int year, CancellationToken ct)
    {
        var r = await handler.StartAsync(householdId, year, ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已发起{year}年脱贫退出程序，下一步：民主评议";
            return Redirect($"/exit/procedures/{r.Value!.Id}");
        }
        Error = r.Failure!.Message;
        if (r.Failure.Errors?.TryGetValue("conditions", out var unmet) == true) UnmetConditions = unmet;
        Response.StatusCode = r.Failure.Kind switch
        {
            FailureKind.NotFound => StatusCodes.Status404NotFound,
            FailureKind.Forbidden => StatusCodes.Status403Forbidden,
            FailureKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        Tab = Households;
        Year = year;
        await LoadAsync(ct, keepStatus: true);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct, bool keepStatus = false)
    {
        void Fail(Failure f)
        {
            if (!keepStatus && f.Kind == FailureKind.NotFound) Response.StatusCode = StatusCodes.Status404NotFound;
            Error ??= f.Message;
        }
        switch (ActiveTab)
        {
            case Villages:
                if (RegionCode.Length < 6) { Error ??= "请选择区县或乡镇，查看其下各村的退出评估"; break; }
                var v = await handler.VillagesAsync(RegionCode, SelectedYear, ct);
                if (v.Succeeded) VillageRows = v.Value;
                else Fail(v.Failure!);
                if (v.Succeeded && me.Has(Permissions.ProjectsView)
                    && await collective.VillagesAsync(new(RegionCode, SelectedYear, null), ct) is { Succeeded: true } collectiveRows)
                    CollectiveRows = collectiveRows.Value!.Items.ToDictionary(r => r.VillageCode);
                Standard = await handler.StandardAsync(RegionCode, SelectedYear, ct);
                break;
            case County:
                CountyCode = RegionCode.Length >= 6 ? RegionCode[..6] : null;
                if (CountyCode is null) { Error ??= "请选择区县"; break; }
                var d = await dashboard.HandleAsync(CountyCode, ct);
                if (!d.Succeeded) { Fail(d.Failure!); CountyCode = null; break; }
                RegistryPoorPeople = d.Value!.NotExitedPeople;
                RegistryRuralPopulation = d.Value.RuralPopulation;
                Standard = await handler.StandardAsync(CountyCode, SelectedYear, ct);
                if (!Calc) break;
                BindingErrors(("ExitedSampled", "exitedSampled"), ("WronglyExited", "wronglyExited"), ("NonPoorSampled", "nonPoorSampled"),
                    ("MissedFound", "missedFound"), ("Surveyed", "surveyed"), ("Satisfied", "satisfied"), ("PoorPeople", "poorPeople"),
                    ("RuralPopulation", "ruralPopulation"));
                if (Errors.Count > 0) { Error ??= "提交的数据有误，请按提示修改"; break; }
                var i = Input;
                var c = await handler.CountyAsync(new CountyEvaluationRequest(CountyCode, SelectedYear, i.ExitedSampled ?? 0, i.WronglyExited ?? 0,
                    i.NonPoorSampled ?? 0, i.MissedFound ?? 0, i.Surveyed ?? 0, i.Satisfied ?? 0, i.PoorPeople, i.RuralPopulation), ct);
                if (c.Succeeded) Evaluation = c.Value;
                else
                {
                    Fail(c.Failure!);
                    foreach (var (k, m) in FormErrors.FieldErrors(c.Failure)) Errors[k] = m;
                }
                break;
            default:
                var h = await handler.HouseholdsAsync(RegionCode, SelectedYear, Unmet ? false : null, PageNumber, ct, Q);
                if (h.Succeeded) HouseholdRows = h.Value;
                else Fail(h.Failure!);
                Standard = await handler.StandardAsync(RegionCode, SelectedYear, ct);
                break;
        }
    }

    private void BindingErrors(params (string Property, string Field)[] fields)
    {
        foreach (var (property, field) in fields)
            if (ModelState[$"{nameof(Input)}.{property}"]?.Errors.Count > 0) Errors[field] = ["请填写整数"];
    }

    public string Err(string field) => FormErrors.ErrorOf(Errors, field);
    public string Cls(string field) => Errors.ContainsKey(field) ? "g-invalid" : "";

    /// <summary>The query of this view with another tab or page (region and year kept).</summary>
    public string Link(string tab, int? page = null, bool? unmet = null)
    {
        var q = new List<string> { "tab=" + tab };
        if (!string.IsNullOrWhiteSpace(Region)) q.Add("region=" + Uri.EscapeDataString(Region.Trim()));
        q.Add("year=" + SelectedYear);
        if (unmet ?? Unmet) q.Add("unmet=true");
        if (tab == Households && !string.IsNullOrWhiteSpace(Q)) q.Add("q=" + Uri.EscapeDataString(Q.Trim()));
        if (page is > 1) q.Add("p=" + page);
        return "/exit?" + string.Join("&", q);
    }
}

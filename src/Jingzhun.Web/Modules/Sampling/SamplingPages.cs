using System.Globalization;
using Jingzhun.Web.Modules.Sampling.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Sampling;

/// <summary>How the sampling pages write numbers (display only: the comparisons are made on the exact values).</summary>
public static class SamplingFormat
{
    public static string Percent(double rate) => (rate * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
    public static string Number(double d, string format = "0.00") => d.ToString(format, CultureInfo.InvariantCulture);
    public static string Number(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>回头看抽样核查: the campaigns of the reader's region, and the sampled households the reader visits.</summary>
[Authorize]
public sealed class SamplingIndexModel(ManageSamplingHandler handler, CurrentUser me) : PageModel
{
    public PageResult<CampaignRow>? Campaigns { get; private set; }
    public PageResult<SampleRow>? Mine { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? page, CancellationToken ct)
    {
        if (!me.Has(Permissions.SamplingView) && !me.Has(Permissions.SamplingSurvey)) return Forbid();
        if (me.Has(Permissions.SamplingView)) Campaigns = (await handler.SearchAsync(new CampaignQuery(null, page, 50), ct)).Value;
        if (me.Has(Permissions.SamplingSurvey) && !me.Has(Permissions.SamplingManage))
            Mine = (await handler.MineAsync(new SampleQuery(null, null, page, 100), ct)).Value;
        return Page();
    }
}

/// <summary>新建抽样核查 with the sample-size calculator (测算 by GET, 新建 by POST): the same handler as the API.</summary>
[Authorize(Permissions.SamplingManage)]
public sealed class NewCampaignModel(ManageSamplingHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public SamplingPurpose? Purpose { get; set; }
    [BindProperty(SupportsGet = true)] public SamplingFrame? Frame { get; set; }
    [BindProperty(SupportsGet = true)] public SamplingDesign? Design { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? Margin { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? ExpectedRate { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? NonResponse { get; set; }
    [BindProperty(SupportsGet = true)] public int? Reserves { get; set; }
    [BindProperty(SupportsGet = true)] public int? Seed { get; set; }
    [BindProperty(SupportsGet = true)] public bool Calculate { get; set; }

    public SampleSize? Size { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Region)) Region = me.RegionCode;
        Margin ??= 0.05m;
        ExpectedRate ??= 0.5m;
        Reserves ??= 2;
        if (!Calculate) return Page();
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0) { Error = FormErrors.FixAndRetry; return Page(); }
        var r = await handler.SizeAsync(new SizeQuery(Region, Frame, Margin, ExpectedRate, NonResponse), ct);
        if (r.Succeeded) Size = r.Value;
        else { Errors = FormErrors.FieldErrors(r.Failure!); Error = r.Failure!.Message; }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The region picker's 全部 is the reader's own region.
        if (string.IsNullOrWhiteSpace(Region)) Region = me.RegionCode;
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0 && Purpose is null) Errors["purpose"] = ["请选择核查目的"];
        if (Errors.Count == 0 && Frame is null) Errors["frame"] = ["请选择抽样框"];
        if (Errors.Count == 0 && Design is null) Errors["design"] = ["请选择抽样设计"];
        if (Errors.Count > 0) { Error = FormErrors.FixAndRetry; return Page(); }
        var r = await handler.CreateAsync(new CreateCampaignRequest(Region, Name, null, Purpose!.Value, Frame!.Value, Design!.Value, Margin, ExpectedRate,
            NonResponse, Reserves, Seed), ct);
        if (!r.Succeeded)
        {
            if (r.Failure!.Kind == FailureKind.NotFound) Errors["region"] = [r.Failure.Message];
            else Errors = FormErrors.FieldErrors(r.Failure);
            Error = r.Failure.Message;
            return Page();
        }
        TempData["Message"] = $"已新建抽样核查 {r.Value!.Campaign.Name}（种子 {r.Value.Campaign.Seed}，抽样框 {r.Value.Campaign.FrameSize} 户），请抽样";
        return Redirect($"/sampling/{r.Value.Campaign.Id}");
    }
}

/// <summary>一次抽样核查: design, seed, frame, the draw, the sample by stratum and the estimates.</summary>
[Authorize(Permissions.SamplingView)]
public sealed class CampaignModel(ManageSamplingHandler handler, CurrentUser me) : PageModel
{
    public CampaignView? View { get; private set; }
    public IReadOnlyList<SampleRow> Sample { get; private set; } = [];
    public string? Error { get; private set; }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return false;
        View = r.Value;
        Sample = (await handler.CampaignSampleAsync(id, ct)).Value ?? [];
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public bool CanDraw => me.Has(Permissions.SamplingManage);

    public async Task<IActionResult> OnPostDrawAsync(long id, CancellationToken ct)
    {
        if (!CanDraw) return Forbid();
        var r = await handler.DrawAsync(id, ct);
        if (!r.Succeeded)
        {
            if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
            Error = r.Failure.Message;
            Response.StatusCode = r.Failure.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            await LoadAsync(id, ct);
            return Page();
        }
        TempData["Message"] = $"已抽样：样本 {r.Value!.Campaign.SampleSize} 户（抽样框 {r.Value.Campaign.FrameSize} 户，种子 {r.Value.Campaign.Seed}）";
        return Redirect($"/sampling/{id}");
    }
}

/// <summary>入户问卷 of one sampled household, and 无法联系/拒访: the same handler as the API.</summary>
[Authorize(Permissions.SamplingSurvey)]
public sealed class SurveyModel(ManageSamplingHandler handler, TimeProvider clock, CurrentUser me) : PageModel
{
    [BindProperty] public decimal? IncomePerCapita { get; set; }
    [BindProperty] public Secured? FoodClothing { get; set; }
    [BindProperty] public Secured? Education { get; set; }
    [BindProperty] public Secured? Medical { get; set; }
    [BindProperty] public Secured? Housing { get; set; }
    [BindProperty] public Secured? Water { get; set; }
    [BindProperty] public bool? AssistanceReceived { get; set; }
    [BindProperty] public string? AssistanceNote { get; set; }
    [BindProperty] public int? Satisfaction { get; set; }
    [BindProperty] public bool? ShouldBeRegistered { get; set; }
    [BindProperty] public DateOnly? VisitedOn { get; set; }
    [BindProperty] public string? VisitedBy { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public SampleStatus? NonResponseStatus { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public SampleRow? Row { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    private async Task<bool> LoadAsync(long id, bool fill, CancellationToken ct)
    {
        var r = await handler.GetSampledAsync(id, ct);
        if (!r.Succeeded) return false;
        Row = r.Value;
        if (!fill) return true;
        var s = Row!;
        (IncomePerCapita, FoodClothing, Education, Medical, Housing, Water, AssistanceReceived, AssistanceNote, Satisfaction, ShouldBeRegistered, VisitedOn,
            VisitedBy, Note, Version) = (s.IncomePerCapita, s.FoodClothing, s.Education, s.Medical, s.Housing, s.Water, s.AssistanceReceived, s.AssistanceNote,
            s.Satisfaction, s.ShouldBeRegistered, s.VisitedOn ?? ChinaTime.Today(clock), s.VisitedBy ?? me.DisplayName, s.Note, s.Version);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, true, ct) ? Page() : NotFound();

    private IActionResult Refused(Failure f)
    {
        if (f.Kind == FailureKind.NotFound) return NotFound();
        Response.StatusCode = f.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        Errors = FormErrors.FieldErrors(f);
        Error = f.Message;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, false, ct)) return NotFound();
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0) { Error = FormErrors.FixAndRetry; return Page(); }
        var r = await handler.SurveyAsync(id, new SurveyRequest(IncomePerCapita, FoodClothing, Education, Medical, Housing, Water, AssistanceReceived,
            AssistanceNote, Satisfaction, ShouldBeRegistered, VisitedOn, VisitedBy, Note, Version), ct);
        if (!r.Succeeded) return Refused(r.Failure!);
        TempData["Message"] = $"已保存 {r.Value!.Household.HeadName} 户的问卷" + (r.Value.Lead is { } l ? $"；核查发现问题，已登记风险线索（{l.Detail}）" : "")
            + (r.Value.Problems.Count > 0 ? "；已列入两不愁三保障问题台账：" + string.Join("、", r.Value.Problems.Select(p =>
                $"{Labels.Of(p.Problem.Dimension)}（编号 {p.Problem.Id}{(p.Opened ? "" : "，原有问题")}）")) : "");
        return Redirect($"/sampling/households/{id}");
    }

    public async Task<IActionResult> OnPostNonResponseAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, true, ct)) return NotFound();
        var errors = ModelState.BindingErrors();
        if (errors.Count > 0) { Errors = errors; Error = FormErrors.FixAndRetry; return Page(); }
        var r = await handler.NonResponseAsync(id, new NonResponseRequest(NonResponseStatus ?? 0, Reason, Row!.Version), ct);
        if (!r.Succeeded) return Refused(r.Failure!);
        TempData["Message"] = $"已登记{Labels.Of(r.Value!.Status)}" + (r.Value.ReplacedById is { } rep ? "，由本层下一备选户替补" : "（本层没有备选户了）");
        return Redirect(r.Value.ReplacedById is { } next ? $"/sampling/households/{next}" : $"/sampling/households/{id}");
    }
}

/// <summary>A4 入户核查问卷: one page per sampled household (print CSS), blank for the visit or filled once recorded.</summary>
[Authorize(Permissions.SamplingView)]
public sealed class PrintSurveysModel(ManageSamplingHandler handler, TimeProvider clock) : PageModel
{
    public CampaignView? View { get; private set; }
    public IReadOnlyList<SampleRow> Sample { get; private set; } = [];
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        View = r.Value;
        Sample = [.. ((await handler.CampaignSampleAsync(id, ct)).Value ?? []).Where(s => s.Status != SampleStatus.Reserve)];
        return Page();
    }
}

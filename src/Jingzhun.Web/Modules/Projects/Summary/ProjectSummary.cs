using System.Globalization;
using Jingzhun.Web.Modules.Projects.ManageProjects;
using Jingzhun.Web.Modules.Projects.SpendingProgress;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.Summary;

/// <summary>A count of the year's projects with the list that yields it.</summary>
public sealed record ProjectFigure(string Key, string Label, int Projects, string Link);

/// <summary>
/// The dashboard's 衔接项目与资金 figures of a region and year (by default the latest year of its library): the projects by stage, the late ones (项目预警), the households
/// the projects bring along (联农带农, terminated projects left out) and the money (下达, 支付, 支出进度 of the region's
/// counties: money is issued to counties; only for users who may see the funds). Each figure links to the list that yields
/// the same count.
/// </summary>
public sealed record ProjectSummaryView(string Region, string RegionName, int Year, int Projects, string ProjectsLink,
    IReadOnlyList<ProjectFigure> ByStage, int Warned, string WarnedLink, int BeneficiaryHouseholds,
    decimal? Allocated, decimal? Paid, double? SpendingPercent, string? SpendingLink, AssetSummaryView Assets);

public sealed record ProjectSummaryQuery(string? Region, int? Year);

/// <summary>A count (and value) of the region's assets with the ledger's list that yields it.</summary>
public sealed record AssetFigure(string Key, string Label, int Assets, decimal Value, string Link);

/// <summary>
/// The region's 扶贫项目资产 (the whole ledger, not one year's): by class with their value, by status, and those needing
/// attention (闲置, 低效, 损毁); each figure opens the ledger filtered to it.
/// </summary>
public sealed record AssetSummaryView(int Assets, decimal Value, string Link, IReadOnlyList<AssetFigure> ByClass, IReadOnlyList<AssetFigure> ByStatus);

public sealed class ProjectSummaryHandler(ManageProjectsHandler projects, SpendingProgressHandler spending, Assets.ManageAssetsHandler assets,
    Regions.RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    public Task<Outcome<ProjectSummaryView>> SummaryAsync(ProjectSummaryQuery q, CancellationToken ct) => SummaryAsync(q.Region, q.Year, ct);

    public async Task<Outcome<ProjectSummaryView>> SummaryAsync(string? region, int? year, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        if (year is { } asked && (asked < 2021 || asked > today.Year + 1)) return Failure.Invalid("year", $"年度应在 2021 至 {today.Year + 1} 年之间");
        var all = projects.Filter(new ProjectQuery(region, null, null, null, null, null, null, null));
        if (!all.Succeeded) return all.Failure!;
        // Without a year: the latest year of the region's library up to this one (early in a year its projects are not yet in).
        var y = year ?? await all.Value!.Where(p => p.Year <= today.Year).MaxAsync(p => (int?)p.Year, ct) ?? today.Year;
        var money = await spending.ReportAsync(new SpendingQuery(region, y, null), ct);
        if (!money.Succeeded) return money.Failure!;
        var query = all.Value!.Where(p => p.Year == y);

        var counts = (await query.GroupBy(p => p.Stage).Select(g => new { Stage = g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => g.Stage, g => g.Count);
        var warned = await (await projects.WarnedAsync(query, ct)).CountAsync(ct);
        var households = await query.Where(p => p.Stage != ProjectStage.Terminated)
            .SelectMany(p => p.Beneficiaries).Select(b => b.HouseholdId).Distinct().CountAsync(ct);

        var code = money.Value!.Region;
        var where = string.IsNullOrWhiteSpace(region) ? "" : "&region=" + Uri.EscapeDataString(region.Trim());
        var list = $"/projects?year={y.ToString(CultureInfo.InvariantCulture)}{where}";
        var byStage = Enum.GetValues<ProjectStage>()
            .Select(s => new ProjectFigure(s.ToString(), Labels.Of(s), counts.GetValueOrDefault(s), $"{list}&stage={s}"))
            .ToList();
        var funds = user.Has(Permissions.FundsView);
        var ledger = await AssetsAsync(region, where, ct);
        return new ProjectSummaryView(code, code == "" ? "全国" : regions.NameOf(code), y, counts.Values.Sum(), list, byStage,
            warned, $"{list}&warning=true", households,
            funds ? money.Value.Allocated : null, funds ? money.Value.Paid : null, funds ? money.Value.Percent : null,
            funds ? $"/projects/spending?year={y.ToString(CultureInfo.InvariantCulture)}{where}" : null, ledger);
    }

    /// <summary>The ledger's figures; values are summed here (SQLite keeps money as fen, which it does not sum).</summary>
    private async Task<AssetSummaryView> AssetsAsync(string? region, string where, CancellationToken ct)
    {
        var filtered = assets.Filter(new Assets.AssetQuery(region, null, null, null, null, null, null));
        var rows = filtered.Succeeded
            ? await filtered.Value!.Select(a => new { a.Class, a.Status, a.Value }).ToListAsync(ct)
            : [];
        var list = "/projects/assets" + (where.Length > 0 ? "?" + where[1..] : "");
        var and = where.Length > 0 ? "&" : "?";
        var byClass = Enum.GetValues<Assets.AssetClass>().Select(c => new AssetFigure(c.ToString(), Labels.Of(c), rows.Count(r => r.Class == c),
            rows.Where(r => r.Class == c).Sum(r => r.Value), $"{list}{and}class={c}")).ToList();
        var byStatus = Enum.GetValues<Assets.AssetStatus>().Select(st => new AssetFigure(st.ToString(), Labels.Of(st), rows.Count(r => r.Status == st),
            rows.Where(r => r.Status == st).Sum(r => r.Value), $"{list}{and}status={st}")).ToList();
        return new AssetSummaryView(rows.Count, rows.Sum(r => r.Value), list, byClass, byStatus);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/projects/summary", async ([AsParameters] ProjectSummaryQuery q, ProjectSummaryHandler handler, CancellationToken ct) =>
                (await handler.SummaryAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.ProjectsView)
            .WithName("ProjectSummary").WithSummary("看板：某地区某年度衔接项目按阶段、预警、联农带农户数与资金支出进度，及项目资产按类别与状态（每个数字附其清单链接）").WithTags("衔接项目");
}

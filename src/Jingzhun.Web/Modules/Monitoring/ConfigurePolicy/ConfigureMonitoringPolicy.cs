using FluentValidation;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Monitoring.ConfigurePolicy;

/// <summary>
/// The monitoring values of a province ("" = national floor) from a year on; ratios are fractions (0.10 = 10%). A change
/// sends back the row's version it read (a new row needs none).
/// </summary>
public sealed record MonitoringPolicyValues(decimal Threshold, decimal NearBand, decimal IncomeDropTrigger, decimal OutOfPocketTrigger,
    int DecisionDays, int PublicityDays, int EliminationMinMonths, int EliminationMinMeasures, int EliminationStableYears, int Version = 0);

public sealed record MonitoringPolicyView(string ProvinceCode, int Year, MonitoringPolicyValues Values);

public sealed class MonitoringPolicyValuesValidator : AbstractValidator<MonitoringPolicyValues>
{
    public MonitoringPolicyValuesValidator()
    {
        RuleFor(v => v.Threshold).InclusiveBetween(2300, 50000).WithName("监测范围（人均纯收入）");
        RuleFor(v => v.NearBand).InclusiveBetween(0, 0.5m).WithName("临界浮动比例")
            .Must(v => decimal.Round(v, 2) == v).WithMessage("临界浮动比例按整百分点设置（如 0.10 表示10%）");
        RuleFor(v => v.IncomeDropTrigger).InclusiveBetween(0.05m, 0.9m).WithName("收入下降预警比例")
            .Must(v => decimal.Round(v, 2) == v).WithMessage("收入下降预警比例按整百分点设置（如 0.30 表示30%）");
        RuleFor(v => v.OutOfPocketTrigger).InclusiveBetween(0, 1_000_000).WithName("合规自付支出预警线");
        RuleFor(v => v.DecisionDays).InclusiveBetween(1, 60).WithName("认定时限（天）");
        RuleFor(v => v.PublicityDays).InclusiveBetween(5, 30).WithName("公示天数").WithMessage("村级公示不少于5天");
        RuleFor(v => v.EliminationMinMonths).InclusiveBetween(1, 36).WithName("风险消除最短监测月数");
        RuleFor(v => v.EliminationMinMeasures).InclusiveBetween(1, 10).WithName("风险消除最少帮扶措施数");
        RuleFor(v => v.EliminationStableYears).InclusiveBetween(1, 3).WithName("收入稳定年数");
    }
}

/// <summary>Reads and sets the monitoring policy table (audited like every write); only a province-level or national admin sets it.</summary>
public sealed class ConfigureMonitoringPolicyHandler(AppDbContext db, IValidator<MonitoringPolicyValues> validator, CurrentUser user, TimeProvider clock)
{
    public async Task<IReadOnlyList<MonitoringPolicyView>> ListAsync(CancellationToken ct) =>
        (await db.MonitoringPolicies.AsNoTracking().OrderBy(p => p.ProvinceCode).ThenBy(p => p.Year).ToListAsync(ct)).Select(View).ToList();

    public async Task<Outcome<MonitoringPolicyView>> SaveAsync(string province, int year, MonitoringPolicyValues v, CancellationToken ct)
    {
        province = province == "national" ? "" : province;
        if (province != "" && (province.Length != 2 || !province.All(char.IsAsciiDigit))) return Failure.Invalid("province", "省级区划代码应为2位数字（全国底线用 national）");
        if (year is < 2021 or > 2100) return Failure.Invalid("year", "防返贫监测自2021年起实施，年度应不早于2021年");
        if (user.RegionCode is not { } mine || !(mine == "" || mine == province))
            return Failure.Forbidden(province == "" ? "只有全国级管理员可以修改全国底线" : "只有本省（市）级管理员可以修改本省的监测标准");
        var check = await validator.ValidateAsync(v, ct);
        if (!check.IsValid) return Failure.Invalid(check);
        // The national floor binds the provinces: a province sets its range at or above it (DOMAIN.md §4).
        if (province != "")
        {
            var floor = await db.MonitoringPolicies.AsNoTracking().Where(p => p.ProvinceCode == "" && p.Year <= year)
                .OrderByDescending(p => p.Year).Select(p => (decimal?)p.Threshold).FirstOrDefaultAsync(ct);
            if (floor is { } f && v.Threshold < f) return Failure.Invalid("threshold", $"省级监测范围不能低于全国底线{f:0.##}元");
        }
        var what = PolicyEdits.Name(province, year, "防返贫监测标准");
        System.Linq.Expressions.Expression<Func<MonitoringPolicy, bool>> key = p => p.ProvinceCode == province && p.Year == year;
        var found = await db.MonitoringPolicies.RowToSetAsync(key, () => new MonitoringPolicy { ProvinceCode = province, Year = year }, v.Version, what, ct);
        if (!found.Succeeded) return found.Failure!;
        var row = found.Value!;
        row.Threshold = v.Threshold;
        row.NearBand = v.NearBand;
        row.IncomeDropTrigger = v.IncomeDropTrigger;
        row.OutOfPocketTrigger = v.OutOfPocketTrigger;
        row.DecisionDays = v.DecisionDays;
        row.PublicityDays = v.PublicityDays;
        row.EliminationMinMonths = v.EliminationMinMonths;
        row.EliminationMinMeasures = v.EliminationMinMeasures;
        row.EliminationStableYears = v.EliminationStableYears;
        if (await db.SaveRowAsync(row, key, what, clock.GetUtcNow().UtcDateTime, user.UserName, ct) is { } conflict) return conflict;
        return View(row);
    }

    private static MonitoringPolicyView View(MonitoringPolicy p) => new(p.ProvinceCode, p.Year, new MonitoringPolicyValues(p.Threshold,
        p.NearBand, p.IncomeDropTrigger, p.OutOfPocketTrigger, p.DecisionDays, p.PublicityDays, p.EliminationMinMonths,
        p.EliminationMinMeasures, p.EliminationStableYears, p.Version));

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/monitoring/policies").WithTags("防返贫监测");
        g.MapGet("", async (ConfigureMonitoringPolicyHandler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(ct)))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("ListMonitoringPolicies").WithSummary("防返贫监测标准（按省、年度）");
        g.MapPut("/{province}/{year:int}", async (string province, int year, MonitoringPolicyValues v, ConfigureMonitoringPolicyHandler h, CancellationToken ct) =>
                (await h.SaveAsync(province, year, v, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PolicyEdit)
            .WithName("SaveMonitoringPolicy").WithSummary("设置某省某年度起的监测标准（如云南2023年8050元；province=national 为全国底线）");
    }
}

using FluentValidation;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.ConfigureVisitPolicy;

/// <summary>
/// The 四必见 and authenticity values of a county ("default" = every county without its own row) from a year on. A change
/// sends back the row's version it read (a new row needs none).
/// </summary>
public sealed record VisitPolicyValues(int FestivalDaysBefore, int FestivalDaysAfter, int EmergencyDays, int PairingGraceDays,
    int GpsThresholdMetres, int LateEntryDays, int MaxVisitsPerDay, int TownshipSwitchMinutes, int Version = 0);

public sealed record VisitPolicyView(string CountyCode, int Year, VisitPolicyValues Values);

public sealed class VisitPolicyValuesValidator : AbstractValidator<VisitPolicyValues>
{
    public VisitPolicyValuesValidator()
    {
        RuleFor(v => v.FestivalDaysBefore).InclusiveBetween(0, 30).WithName("节前天数");
        RuleFor(v => v.FestivalDaysAfter).InclusiveBetween(0, 30).WithName("节后天数");
        RuleFor(v => v.EmergencyDays).InclusiveBetween(1, 30).WithName("危难时刻走访时限（天）");
        RuleFor(v => v.PairingGraceDays).InclusiveBetween(0, 28).WithName("新结对宽限天数");
        RuleFor(v => v.GpsThresholdMetres).InclusiveBetween(50, 20000).WithName("定位偏离阈值（米）");
        RuleFor(v => v.LateEntryDays).InclusiveBetween(1, 60).WithName("补录时限（天）");
        RuleFor(v => v.MaxVisitsPerDay).InclusiveBetween(1, 100).WithName("每日走访上限（户）");
        RuleFor(v => v.TownshipSwitchMinutes).InclusiveBetween(0, 240).WithName("跨乡镇最短间隔（分钟）");
    }
}

/// <summary>Reads and sets the visit policy table (audited); a county admin sets their county, a national admin the default.</summary>
public sealed class ConfigureVisitPolicyHandler(AppDbContext db, IValidator<VisitPolicyValues> validator, CurrentUser user, TimeProvider clock)
{
    public async Task<IReadOnlyList<VisitPolicyView>> ListAsync(CancellationToken ct) =>
        (await db.VisitPolicies.AsNoTracking().OrderBy(p => p.CountyCode).ThenBy(p => p.Year).ToListAsync(ct)).Select(View).ToList();

    public async Task<Outcome<VisitPolicyView>> SaveAsync(string county, int year, VisitPolicyValues v, CancellationToken ct)
    {
        county = county == "default" ? "" : county;
        if (county != "" && (county.Length != 6 || !county.All(char.IsAsciiDigit))) return Failure.Invalid("county", "区县代码应为6位数字（默认值用 default）");
        if (year is < 2015 or > 2100) return Failure.Invalid("year", "年度无效");
        if (user.RegionCode is not { } mine || !(mine == "" || (county != "" && county.StartsWith(mine, StringComparison.Ordinal))))
            return Failure.Forbidden(county == "" ? "只有全国级管理员可以修改默认走访标准" : "只有本区县（或上级）管理员可以修改本区县的走访标准");
        var check = await validator.ValidateAsync(v, ct);
        if (!check.IsValid) return Failure.Invalid(check);
        var what = PolicyEdits.Name(county, year, "走访标准");
        System.Linq.Expressions.Expression<Func<VisitPolicy, bool>> key = p => p.CountyCode == county && p.Year == year;
        var found = await db.VisitPolicies.RowToSetAsync(key, () => new VisitPolicy { CountyCode = county, Year = year }, v.Version, what, ct);
        if (!found.Succeeded) return found.Failure!;
        var row = found.Value!;
        row.FestivalDaysBefore = v.FestivalDaysBefore;
        row.FestivalDaysAfter = v.FestivalDaysAfter;
        row.EmergencyDays = v.EmergencyDays;
        row.PairingGraceDays = v.PairingGraceDays;
        row.GpsThresholdMetres = v.GpsThresholdMetres;
        row.LateEntryDays = v.LateEntryDays;
        row.MaxVisitsPerDay = v.MaxVisitsPerDay;
        row.TownshipSwitchMinutes = v.TownshipSwitchMinutes;
        if (await db.SaveRowAsync(row, key, what, clock.GetUtcNow().UtcDateTime, user.UserName, ct) is { } conflict) return conflict;
        return View(row);
    }

    private static VisitPolicyView View(VisitPolicy p) => new(p.CountyCode, p.Year, new VisitPolicyValues(p.FestivalDaysBefore, p.FestivalDaysAfter,
        p.EmergencyDays, p.PairingGraceDays, p.GpsThresholdMetres, p.LateEntryDays, p.MaxVisitsPerDay, p.TownshipSwitchMinutes, p.Version));

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/fieldwork/policies").WithTags("走访");
        g.MapGet("", async (ConfigureVisitPolicyHandler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(ct)))
            .RequireAuthorization(Permissions.FieldWorkView)
            .WithName("ListVisitPolicies").WithSummary("四必见走访标准（按区县、年度）");
        g.MapPut("/{county}/{year:int}", async (string county, int year, VisitPolicyValues v, ConfigureVisitPolicyHandler h, CancellationToken ct) =>
                (await h.SaveAsync(county, year, v, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PolicyEdit)
            .WithName("SaveVisitPolicy").WithSummary("设置某区县某年度起的走访标准（county=default 为默认值）");
    }
}

using FluentValidation;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Guarantees.ConfigurePolicy;

/// <summary>
/// The thresholds of one province (or "" for the national default) from one year on, with the row's version: a change
/// sends back the version it read (a new row needs none).
/// </summary>
public sealed record PolicyValues(int SchoolAgeFrom, int SchoolAgeTo, string SafeHousingGrades, decimal WaterLitresPerPersonDay,
    decimal WaterLitresPerPersonDayShortArea, int WaterFetchMinutes, int WaterHorizontalMetres, int WaterVerticalMetres,
    int WaterCutoffDaysPerYear, int DeadlineDaysUrgent, int DeadlineDaysNormal, int DeadlineDaysMinor, int Version = 0);

public sealed record PolicyView(string ProvinceCode, int Year, PolicyValues Values);

public sealed class PolicyValuesValidator : AbstractValidator<PolicyValues>
{
    public PolicyValuesValidator()
    {
        RuleFor(v => v.SchoolAgeFrom).InclusiveBetween(5, 8).WithName("义务教育起始年龄");
        RuleFor(v => v.SchoolAgeTo).InclusiveBetween(14, 18).WithName("义务教育截止年龄");
        RuleFor(v => v.SafeHousingGrades).Must(g => g.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                is { Length: > 0 } parts && parts.All(p => p is "A" or "B" or "C" or "D"))
            .WithName("安全住房等级").WithMessage("安全住房等级应为 A、B、C、D 中的一个或多个，用逗号分隔");
        RuleFor(v => v.WaterLitresPerPersonDay).InclusiveBetween(10, 200).WithName("人均日供水量标准");
        RuleFor(v => v.WaterLitresPerPersonDayShortArea).InclusiveBetween(5, 200).WithName("缺水地区人均日供水量标准")
            .LessThanOrEqualTo(v => v.WaterLitresPerPersonDay).WithMessage("缺水地区标准不应高于一般地区标准");
        RuleFor(v => v.WaterFetchMinutes).InclusiveBetween(5, 120).WithName("取水往返时间");
        RuleFor(v => v.WaterHorizontalMetres).InclusiveBetween(100, 5000).WithName("取水水平距离");
        RuleFor(v => v.WaterVerticalMetres).InclusiveBetween(10, 500).WithName("取水垂直距离");
        RuleFor(v => v.WaterCutoffDaysPerYear).InclusiveBetween(0, 120).WithName("年断水天数上限");
        RuleFor(v => v.DeadlineDaysUrgent).InclusiveBetween(1, 365).WithName("紧急问题整改时限");
        RuleFor(v => v.DeadlineDaysNormal).InclusiveBetween(1, 365).WithName("一般问题整改时限");
        RuleFor(v => v.DeadlineDaysMinor).InclusiveBetween(1, 365).WithName("轻微问题整改时限");
    }
}

/// <summary>Reads and sets the 两不愁三保障 policy table; a user may set only their own province (or, nationally, any).</summary>
public sealed class ConfigurePolicyHandler(AppDbContext db, IValidator<PolicyValues> validator, CurrentUser user, TimeProvider clock)
{
    public async Task<IReadOnlyList<PolicyView>> ListAsync(CancellationToken ct) =>
        (await db.GuaranteePolicies.AsNoTracking().OrderBy(p => p.ProvinceCode).ThenBy(p => p.Year).ToListAsync(ct)).Select(View).ToList();

    public async Task<Outcome<PolicyView>> SaveAsync(string province, int year, PolicyValues values, CancellationToken ct)
    {
        province = province == "national" ? "" : province;
        if (province != "" && (province.Length != 2 || !province.All(char.IsAsciiDigit))) return Failure.Invalid("province", "省级区划代码应为2位数字（全国默认值用 national）");
        if (year is < 2013 or > 2100) return Failure.Invalid("year", "年度无效");
        // Only someone responsible for the whole province (or the country) sets its values.
        if (user.RegionCode is not { } mine || !(mine == "" || mine == province))
            return Failure.Forbidden(province == "" ? "只有全国级管理员可以修改全国默认值" : "只有本省（市）级管理员可以修改本省的政策参数");
        var check = await validator.ValidateAsync(values, ct);
        if (!check.IsValid) return Failure.Invalid(check);
        var what = PolicyEdits.Name(province, year, "两不愁三保障研判参数");
        System.Linq.Expressions.Expression<Func<GuaranteePolicy, bool>> key = p => p.ProvinceCode == province && p.Year == year;
        var found = await db.GuaranteePolicies.RowToSetAsync(key, () => new GuaranteePolicy { ProvinceCode = province, Year = year }, values.Version, what, ct);
        if (!found.Succeeded) return found.Failure!;
        var row = found.Value!;
        row.SchoolAgeFrom = values.SchoolAgeFrom;
        row.SchoolAgeTo = values.SchoolAgeTo;
        row.SafeHousingGrades = string.Join(',', values.SafeHousingGrades.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order());
        row.WaterLitresPerPersonDay = values.WaterLitresPerPersonDay;
        row.WaterLitresPerPersonDayShortArea = values.WaterLitresPerPersonDayShortArea;
        row.WaterFetchMinutes = values.WaterFetchMinutes;
        row.WaterHorizontalMetres = values.WaterHorizontalMetres;
        row.WaterVerticalMetres = values.WaterVerticalMetres;
        row.WaterCutoffDaysPerYear = values.WaterCutoffDaysPerYear;
        row.DeadlineDaysUrgent = values.DeadlineDaysUrgent;
        row.DeadlineDaysNormal = values.DeadlineDaysNormal;
        row.DeadlineDaysMinor = values.DeadlineDaysMinor;
        if (await db.SaveRowAsync(row, key, what, clock.GetUtcNow().UtcDateTime, user.UserName, ct) is { } conflict) return conflict;
        return View(row);
    }

    private static PolicyView View(GuaranteePolicy p) => new(p.ProvinceCode, p.Year, new PolicyValues(p.SchoolAgeFrom, p.SchoolAgeTo,
        p.SafeHousingGrades, p.WaterLitresPerPersonDay, p.WaterLitresPerPersonDayShortArea, p.WaterFetchMinutes, p.WaterHorizontalMetres,
        p.WaterVerticalMetres, p.WaterCutoffDaysPerYear, p.DeadlineDaysUrgent, p.DeadlineDaysNormal, p.DeadlineDaysMinor, p.Version));

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/guarantees/policies").WithTags("两不愁三保障");
        g.MapGet("", async (ConfigurePolicyHandler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(ct)))
            .RequireAuthorization(Permissions.GuaranteesView)
            .WithName("ListGuaranteePolicies").WithSummary("两不愁三保障研判参数（按省、年度）");
        g.MapPut("/{province}/{year:int}", async (string province, int year, PolicyValues values, ConfigurePolicyHandler h, CancellationToken ct) =>
                (await h.SaveAsync(province, year, values, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PolicyEdit)
            .WithName("SaveGuaranteePolicy").WithSummary("设置某省某年度起的研判参数（province=national 为全国默认值；修改后请发起重新研判）");
    }
}

using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Dashboards.ExitEvaluation;

/// <summary>A province's exit standard of a year; a change sends back the row's version it read (a new row needs none).</summary>
public sealed record ExitStandardValues(decimal PovertyLine, decimal IncidenceMaxPercent, decimal WrongExitMaxPercent, decimal MissedMaxPercent,
    decimal RecognitionMinPercent, int Version = 0);

/// <summary>Reads and sets the exit standards (audited); a national or province-level administrator only, like the other policy tables.</summary>
public sealed class ConfigureExitStandardHandler(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public async Task<IReadOnlyList<ExitStandard>> ListAsync(CancellationToken ct) =>
        await db.ExitStandards.AsNoTracking().OrderBy(s => s.ProvinceCode).ThenBy(s => s.Year).ToListAsync(ct);

    public async Task<Outcome<ExitStandard>> SaveAsync(string province, int year, ExitStandardValues v, CancellationToken ct)
    {
        province = province == "national" ? "" : province;
        if (province != "" && (province.Length != 2 || !province.All(char.IsAsciiDigit))) return Failure.Invalid("province", "省级区划代码应为2位数字（全国标准用 national）");
        if (year is < 2013 or > 2100) return Failure.Invalid("year", "年度无效");
        if (user.RegionCode is not { } mine || !(mine == "" || mine == province))
            return Failure.Forbidden(province == "" ? "只有全国级管理员可以修改全国退出标准" : "只有本省（市）级管理员可以修改本省的退出标准");
        if (v.PovertyLine is < 1000 or > 100_000) return Failure.Invalid("povertyLine", "扶贫标准（人均纯收入）应在1000至10万元之间");
        foreach (var (name, value, label) in new[] { ("incidenceMaxPercent", v.IncidenceMaxPercent, "贫困发生率上限"), ("wrongExitMaxPercent", v.WrongExitMaxPercent, "错退率上限"),
                     ("missedMaxPercent", v.MissedMaxPercent, "漏评率上限"), ("recognitionMinPercent", v.RecognitionMinPercent, "群众认可度下限") })
            if (value is < 0 or > 100) return Failure.Invalid(name, $"{label}应在0至100之间（百分数）");
        var what = PolicyEdits.Name(province, year, "退出标准");
        System.Linq.Expressions.Expression<Func<ExitStandard, bool>> key = s => s.ProvinceCode == province && s.Year == year;
        var found = await db.ExitStandards.RowToSetAsync(key, () => new ExitStandard { ProvinceCode = province, Year = year }, v.Version, what, ct);
        if (!found.Succeeded) return found.Failure!;
        var row = found.Value!;
        row.PovertyLine = v.PovertyLine;
        row.IncidenceMaxPercent = v.IncidenceMaxPercent;
        row.WrongExitMaxPercent = v.WrongExitMaxPercent;
        row.MissedMaxPercent = v.MissedMaxPercent;
        row.RecognitionMinPercent = v.RecognitionMinPercent;
        if (await db.SaveRowAsync(row, key, what, clock.GetUtcNow().UtcDateTime, user.UserName, ct) is { } conflict) return conflict;
        return row;
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/exit/standards").WithTags("退出评估");
        g.MapGet("", async (ConfigureExitStandardHandler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(ct)))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("ListExitStandards").WithSummary("退出标准（扶贫标准线、贫困发生率、三率一度，按省、年度）");
        g.MapPut("/{province}/{year:int}", async (string province, int year, ExitStandardValues v, ConfigureExitStandardHandler h, CancellationToken ct) =>
                (await h.SaveAsync(province, year, v, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PolicyEdit)
            .WithName("SaveExitStandard").WithSummary("设置某省某年度的退出标准（province=national 为全国标准）");
    }
}

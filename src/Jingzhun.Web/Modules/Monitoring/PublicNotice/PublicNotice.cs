using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Monitoring.PublicNotice;

/// <summary>
/// One line of the 村级公示 list. By design it has no ID number, phone, bank account or health field: the type is
/// the only place personal data could leak from, so the notice is built from this record alone.
/// </summary>
public sealed record NoticeLine(string HeadName, int Size, string Village, string Matter, string Kind);

public sealed record NoticeView(string RegionCode, string RegionName, string Title, DateOnly Date, IReadOnlyList<NoticeLine> Lines);

/// <summary>公示名单: households in 村级公示 now, for 纳入监测 or for 风险消除.</summary>
public sealed class PublicNoticeHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<NoticeView>> HandleAsync(string? region, CancellationToken ct)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var rows = await (from c in db.MonitoringCases.AsNoTracking().InRegion(code)
                          where (c.Stage == CaseStage.Publicity || c.Stage == CaseStage.EliminationPublicity)
                          join h in db.Households on c.HouseholdId equals h.Id
                          orderby c.VillageCode, h.HouseholdNumber
                          select new { h.HeadName, h.Size, c.VillageCode, c.Stage, Kind = c.Kind ?? c.ProposedKind }).ToListAsync(ct);
        var lines = rows.Select(r => new NoticeLine(r.HeadName, r.Size, regions.ShortPath(r.VillageCode),
            r.Stage == CaseStage.Publicity ? "拟纳入监测" : "拟标注风险消除", Labels.Of(r.Kind))).ToList();
        var name = regions.NameOf(code);
        return new NoticeView(code, name, $"{name} 防止返贫监测对象公示名单", ChinaTime.Today(clock), lines);
    }

    public async Task<Outcome<IResult>> ExcelAsync(string? region, CancellationToken ct)
    {
        var o = await HandleAsync(region, ct);
        if (!o.Succeeded) return o.Failure!;
        var rows = o.Value!.Lines.Select((l, i) => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["序号"] = i + 1, ["户主姓名"] = l.HeadName, ["家庭人口"] = l.Size, ["所在村"] = l.Village, ["公示事项"] = l.Matter, ["监测对象类型"] = l.Kind,
        });
        return Outcome<IResult>.From(await ExcelFile.ResultAsync(rows, "公示名单", $"{o.Value.Title}_{o.Value.Date:yyyyMMdd}.xlsx", ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/monitoring/public-notice", async (string? region, PublicNoticeHandler h, CancellationToken ct) => (await h.HandleAsync(region, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("PublicNotice").WithSummary("公示名单（仅姓名、村、类型；不含身份证号、电话、银行账户、健康信息）").WithTags("防返贫监测");
        api.MapGet("/monitoring/public-notice/export", async (string? region, PublicNoticeHandler h, CancellationToken ct) => (await h.ExcelAsync(region, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.MonitoringView)
            .ProducesFile().WithName("ExportPublicNotice").WithSummary("公示名单 Excel").WithTags("防返贫监测");
    }
}

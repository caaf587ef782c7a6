using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Registry.ExportHouseholds;

/// <summary>Excel of the filtered household list; ID numbers masked like everywhere else.</summary>
public sealed class ExportHouseholdsHandler(SearchHouseholdsHandler search, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    public async Task<IResult> HandleAsync(HouseholdQuery q, CancellationToken ct)
    {
        var rows = SearchHouseholdsHandler.Sort(search.Filter(q), q.Sort, q.Desc)
            .Select(h => new
            {
                h.HouseholdNumber, h.VillageCode, h.HeadName,
                HeadId = h.Members.Where(m => m.Relationship == Relationship.Head && m.Status == MemberStatus.Active)
                    .Select(m => m.IdNumberMasked).FirstOrDefault(),
                h.Size, h.Status, h.Attribute, h.IdentifiedYear, h.ExitYear, h.MainCause, h.Class321,
                h.IsDibao, h.IsTekun, h.IsRelocated, h.IsMilitaryFamily, h.HousingGrade, h.PhoneMasked,
                h.LatestIncomeYear, h.LatestPerCapitaIncome,
            })
            .AsEnumerable()
            // Lazy: MiniExcel pulls one row at a time, so a province-size export does not sit in memory.
            .Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["户编号"] = r.HouseholdNumber,
                ["所在地区"] = regions.ShortPath(r.VillageCode),
                ["户主姓名"] = r.HeadName,
                ["户主身份证号"] = r.HeadId,
                ["家庭人口数"] = r.Size,
                ["户类型"] = Labels.Of(r.Status),
                ["贫困户属性"] = Labels.Of(r.Attribute),
                ["识别年度"] = r.IdentifiedYear,
                ["脱贫年度"] = r.ExitYear,
                ["主要致贫原因"] = Labels.Of(r.MainCause),
                ["321分类"] = Labels.Of(r.Class321),
                ["低保户"] = Labels.YesNo(r.IsDibao),
                ["特困供养"] = Labels.YesNo(r.IsTekun),
                ["易地扶贫搬迁"] = Labels.YesNo(r.IsRelocated),
                ["军烈属"] = Labels.YesNo(r.IsMilitaryFamily),
                ["住房安全等级"] = Labels.Of(r.HousingGrade),
                ["联系电话"] = r.PhoneMasked,
                ["收入年度"] = r.LatestIncomeYear,
                ["人均纯收入（元）"] = r.LatestPerCapitaIncome,
            });
        var name = $"户列表_{regions.NameOf(q.Region ?? user.RegionCode ?? "")}_{ChinaTime.Today(clock):yyyyMMdd}.xlsx";
        return await ExcelFile.ResultAsync(rows, "户列表", name, ct);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/households/export", async ([AsParameters] HouseholdQueryParameters p, ExportHouseholdsHandler handler, CancellationToken ct) =>
                await handler.HandleAsync(p.ToQuery(), ct))
            .RequireAuthorization(Permissions.RegistryExport)
            .ProducesFile().WithName("ExportHouseholds").WithSummary("导出筛选后的户列表（Excel，证件号脱敏）").WithTags("户籍档案");
}

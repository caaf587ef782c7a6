using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry.Transfer;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Registry.ExportRegistry;

/// <summary>
/// 导出户籍档案 in the import shape (CSV or XLSX) for a region in scope, so that the file re-imports to the same
/// registry. It carries full ID numbers and phones, hence it needs the reveal permission as well and is audited.
/// Written to a temporary file of the private folder as it is read (flat memory), then sent.
/// </summary>
public sealed class ExportRegistryHandler(RegistryExporter exporter, AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock,
    PrivateTemp temp)
{
    public async Task<IResult> HandleAsync(string? region, string? format, int? year, CancellationToken ct)
    {
        if (!user.Has(Permissions.RegistryRevealId))
            return Failure.Forbidden("导出的档案含完整身份证号码，需要“查看完整证件号”的权限").ToProblem();
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!.ToProblem();
        var code = asked.Value!;
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (!xlsx && format is not null && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
            return Failure.Invalid("format", "导出格式应为 csv 或 xlsx").ToProblem();

        // Full ID numbers: written in the private folder (0700), removed once sent, or at the next start after a crash.
        var path = temp.NewPath(xlsx ? ".xlsx" : ".csv");
        int rows;
        try
        {
            await using var file = File.Create(path);
            var source = exporter.Rows(code, year);
            rows = xlsx ? await RegistryWorkbook.WriteAsync(file, source, ct) : RegistryWorkbook.WriteCsv(file, source);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        await db.RecordAsync(AuditAction.Export, "RegistryExport", code == "" ? "全国" : code, null, code,
            $"导出户籍档案（{(xlsx ? "Excel" : "CSV")}，含完整证件号）：{regions.NameOf(code)} {rows} 行", ct);
        var stream = PrivateTemp.OpenForSending(path);
        var name = $"户籍档案_{regions.NameOf(code)}_{ChinaTime.Today(clock):yyyyMMdd}.{(xlsx ? "xlsx" : "csv")}";
        return TypedResults.File(stream, xlsx ? ExcelFile.ContentType : "text/csv; charset=utf-8", name);
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/registry/export", async (string? region, string? format, int? year, ExportRegistryHandler handler, CancellationToken ct) =>
                await handler.HandleAsync(region, format, year, ct))
            .RequireAuthorization(Permissions.RegistryExport)
            .ProducesFile(ProblemResponses.Xlsx, "text/csv").WithName("ExportRegistry").WithSummary("导出户籍档案（与导入模板同一格式，CSV 或 xlsx；每户一个收入年度：year 或最近一年）").WithTags("导入导出");
}

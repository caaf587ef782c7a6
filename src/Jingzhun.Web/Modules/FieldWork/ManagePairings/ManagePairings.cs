using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Jingzhun.Web.Modules.FieldWork.ManagePairings;

public sealed record BulkPairRequest(IReadOnlyList<long>? HouseholdIds, long CadreId, DateOnly? StartedOn);

public sealed record BulkPairResult(int Paired, int Rotated, int Unchanged);

public sealed record PairingRow(long Id, long HouseholdId, long CadreId, string CadreName, string CadreUnit, DateOnly StartedOn, DateOnly? EndedOn,
    string CreatedBy);

public sealed record UnpairedRow(long Id, string HouseholdNumber, string HeadName, string VillageCode, string RegionPath, int Size);

public sealed record CandidateRow(long Id, string HouseholdNumber, string HeadName, string VillageCode, string RegionPath, int Size, string? CadreName);

public sealed record ImportRowError(int Row, string Message);

public sealed record ImportPairingsResult(int Paired, int Rotated, int Unchanged);

/// <summary>
/// 结对帮扶: pair households with a cadre (bulk, or from an Excel sheet), rotation ending the previous pairing the
/// day before the new one starts (history kept), the pairing history of a household, and households without a cadre.
/// </summary>
public sealed class ManagePairingsHandler(AppDbContext db, RegionDirectory regions, PersonalDataProtector protector, CurrentUser user, TimeProvider clock)
{
    public const int MaxBulk = 2000;
    /// <summary>
    /// The template's columns: the household by its number (户主姓名 checks it), the cadre as people know them (name and
    /// unit; the phone's last four digits only where two of that name serve in the same unit), the start date.
    /// </summary>
    public static readonly string[] TemplateColumns = ["户编号", "户主姓名", "干部姓名", "干部单位", "干部手机尾号", "开始日期"];
    /// <summary>Columns a file must have; older files name the cadre by 干部手机号 or 干部编号 and are still read.</summary>
    private static readonly string[] RequiredColumns = ["户编号", "干部姓名", "开始日期"];

    public async Task<Outcome<BulkPairResult>> BulkPairAsync(BulkPairRequest r, CancellationToken ct)
    {
        var ids = (r.HouseholdIds ?? []).Distinct().ToList();
        if (ids.Count == 0) return Failure.Invalid("householdIds", "请选择要结对的户");
        if (ids.Count > MaxBulk) return Failure.Invalid("householdIds", $"一次最多结对{MaxBulk}户");
        var cadre = await db.Cadres.AsNoTracking().FirstOrDefaultAsync(c => c.Id == r.CadreId, ct);
        if (cadre is null) return Failure.Invalid("cadreId", "所选帮扶干部不存在或不在您的管辖范围内");
        var start = r.StartedOn ?? ChinaTime.Today(clock);
        if (!cadre.IsActiveOn(start)) return Failure.Invalid("cadreId", $"帮扶干部 {cadre.Name} 在 {start:yyyy-MM-dd} 不在帮扶期内");
        var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.VillageCode }).ToListAsync(ct);
        if (households.Count != ids.Count) return Failure.Invalid("householdIds", "部分户不存在或不在您的管辖范围内，请刷新后重新选择");
        var pairs = households.Select(h => (h.Id, h.VillageCode, cadre.Id, start, cadre.ActiveTo)).ToList();
        var result = await PairAsync(pairs, ct);
        return result.Succeeded ? new BulkPairResult(result.Value.Paired, result.Value.Rotated, result.Value.Unchanged) : result.Failure!;
    }

    /// <summary>Starts each pairing, ending the household's active one (two statements: the one-active index never sees two).</summary>
    private async Task<Outcome<(int Paired, int Rotated, int Unchanged)>> PairAsync(
        IReadOnlyList<(long HouseholdId, string VillageCode, long CadreId, DateOnly Start, DateOnly? CadreLeavesOn)> pairs, CancellationToken ct)
    {
        var ids = pairs.Select(p => p.HouseholdId).ToList();
        var active = await db.Pairings.Where(p => ids.Contains(p.HouseholdId) && p.EndedOn == null).ToDictionaryAsync(p => p.HouseholdId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var (paired, rotated, unchanged) = (0, 0, 0);
        var added = new List<Pairing>();
        foreach (var (householdId, village, cadreId, start, leavesOn) in pairs)
        {
            if (active.TryGetValue(householdId, out var current))
            {
                if (current.CadreId == cadreId) { unchanged++; continue; }
                if (start <= current.StartedOn)
                    return Failure.Invalid("startedOn", $"新结对开始日期应晚于该户现有结对的开始日期（{current.StartedOn:yyyy-MM-dd}）");
                current.End(start, now);
                rotated++;
            }
            added.Add(Pairing.Start(householdId, cadreId, village, start, now, user.UserName, leavesOn));
            paired++;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.Pairings.AddRange(added);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Failure.Conflict("部分户的结对刚被他人修改，请刷新后重试");
        }
        await tx.CommitAsync(ct);
        return (paired, rotated, unchanged);
    }

    public async Task<Outcome<IReadOnlyList<PairingRow>>> HistoryAsync(long householdId, CancellationToken ct)
    {
        if (!await db.Households.AnyAsync(h => h.Id == householdId, ct)) return Failure.NotFound("该户");
        var pairings = await db.Pairings.AsNoTracking().Where(p => p.HouseholdId == householdId)
            .OrderByDescending(p => p.StartedOn).ThenByDescending(p => p.Id).ToListAsync(ct);
        var cadres = await CadreNames.LookupAsync(db, pairings.Select(p => p.CadreId), ct);
        var today = ChinaTime.Today(clock);
        // A pairing whose cadre has left (recalled, rotated out) shows as ended on the cadre's last day.
        return pairings.Select(p => new PairingRow(p.Id, p.HouseholdId, p.CadreId, cadres.GetValueOrDefault(p.CadreId)?.Name ?? "",
            cadres.GetValueOrDefault(p.CadreId)?.Unit ?? "", p.StartedOn, p.InForceOn(today) ? null : p.EndedOn ?? p.CadreLeavesOn, p.CreatedBy)).ToList();
    }

    public IQueryable<Registry.Household> Unpaired(string? region)
    {
        var inForce = db.Set<Pairing>().InForce(ChinaTime.Today(clock));
        return InRegion(db.Households.AsNoTracking().Where(h => !inForce.Any(p => p.HouseholdId == h.Id)), region);
    }

    // The pairing pages filter by a region as they are given one; a code that is not a region filters nothing.
    private static IQueryable<Registry.Household> InRegion(IQueryable<Registry.Household> query, string? region) =>
        !string.IsNullOrWhiteSpace(region) && RegionCodes.IsValid(region.Trim()) ? query.InRegion(region.Trim()) : query;

    public async Task<PageResult<UnpairedRow>> UnpairedAsync(string? region, int? page, int? pageSize, CancellationToken ct)
    {
        var rows = await Unpaired(region).OrderBy(h => h.HouseholdNumber).PageAsync(Paging.Of(page, pageSize, 50, 500), p => p
            .Select(h => new UnpairedRow(h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode, "", h.Size)).ToListAsync(ct), ct);
        return rows.Select(r => r with { RegionPath = regions.ShortPath(r.VillageCode) });
    }

    /// <summary>Households of a region for the bulk pairing page, with their current cadre (if any).</summary>
    public async Task<PageResult<CandidateRow>> CandidatesAsync(string? region, bool onlyUnpaired, int? page, CancellationToken ct)
    {
        var query = onlyUnpaired ? Unpaired(region) : InRegion(db.Households.AsNoTracking(), region);
        var inForce = db.Set<Pairing>().InForce(ChinaTime.Today(clock));
        var rows = await query.OrderBy(h => h.HouseholdNumber).PageAsync(Paging.Of(page, 100, 100, 100), p =>
            (from h in p
             select new
             {
                 Row = new CandidateRow(h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode, "", h.Size, null),
                 CadreId = inForce.Where(pr => pr.HouseholdId == h.Id).Select(pr => (long?)pr.CadreId).FirstOrDefault(),
             }).ToListAsync(ct), ct);
        var cadres = await CadreNames.LookupAsync(db, rows.Items.Where(r => r.CadreId != null).Select(r => r.CadreId!.Value), ct);
        return rows.Select(r => r.Row with
        {
            RegionPath = regions.ShortPath(r.Row.VillageCode),
            CadreName = r.CadreId is { } c && cadres.TryGetValue(c, out var cadre) ? cadre.Name : null,
        });
    }

    public static Task<IResult> TemplateAsync(CancellationToken ct) =>
        ExcelFile.ResultAsync([new Dictionary<string, object?>
        {
            // An 18-digit 户编号 (real ones have 16): the example row can never pair a real household.
            ["户编号"] = "示例500151101001000001", ["户主姓名"] = "王示例", ["干部姓名"] = "张伟", ["干部单位"] = "铜梁区农业农村委员会",
            ["干部手机尾号"] = "0000", ["开始日期"] = "2026-01-01",
        }], "结对帮扶", "结对帮扶导入模板.xlsx", ct);

    /// <summary>
    /// Imports pairings from the template's columns: the cadre named by 干部姓名 and 干部单位, told apart by 干部手机尾号 where
    /// needed (older files: by 干部编号 or the full 干部手机号). The header is row 1, or row 2 under the title row of the
    /// downloaded template. Every row is checked first; any error and nothing is written.
    /// </summary>
    public async Task<Outcome<ImportPairingsResult>> ImportAsync(Stream xlsx, CancellationToken ct)
    {
        List<IDictionary<string, object?>> rows;
        var headerRow = 1;
        try
        {
            // Bounded before MiniExcel unpacks anything (zip bombs); at most 5,000 data rows are read.
            Platform.Excel.XlsxGuard.Check(xlsx, Platform.Excel.XlsxLimits.Default with { MaxRows = 5001, MaxUncompressedBytes = 50L * 1024 * 1024 }, ct);
            rows = await ReadAsync(xlsx, "A1", ct);
            // The downloaded template carries a title row above its header.
            if (rows.Count > 0 && !rows[0].ContainsKey("户编号") && xlsx.CanSeek)
            {
                xlsx.Position = 0;
                var under = await ReadAsync(xlsx, "A2", ct);
                if (under.Count > 0 && under[0].ContainsKey("户编号")) (rows, headerRow) = (under, 2);
            }
        }
        catch (Platform.Excel.UnreadableFileException ex)
        {
            return Failure.Invalid("file", ex.Message);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or NotSupportedException or System.Xml.XmlException)
        {
            return Failure.Invalid("file", "无法读取该文件，请使用结对帮扶导入模板（.xlsx）");
        }
        if (rows.Count == 0) return Failure.Invalid("file", "文件中没有数据行");
        if (rows.Count > 5000) return Failure.Invalid("file", "一次最多导入5000行");
        var missing = RequiredColumns.Where(c => !rows[0].ContainsKey(c)).ToList();
        if (missing.Count > 0) return Failure.Invalid("file", $"缺少列：{string.Join("、", missing)}（请使用导入模板）");

        var cadres = await db.Cadres.AsNoTracking().ToListAsync(ct);
        var numbers = rows.Select(r => Text(r, "户编号")).Where(n => n.Length > 0).Distinct().ToList();
        var households = await db.Households.AsNoTracking().Where(h => numbers.Contains(h.HouseholdNumber))
            .Select(h => new { h.Id, h.HouseholdNumber, h.VillageCode, h.HeadName }).ToDictionaryAsync(h => h.HouseholdNumber, ct);
        var errors = new List<ImportRowError>();
        var pairs = new List<(long, string, long, DateOnly, DateOnly?)>();
        var seen = new HashSet<long>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var line = i + headerRow + 1;
            var number = Text(row, "户编号");
            if (number.Length == 0 && Text(row, "干部姓名").Length == 0) continue; // blank line
            if (!households.TryGetValue(number, out var h)) { errors.Add(new(line, $"户编号“{number}”不存在或不在您的管辖范围内")); continue; }
            if (!seen.Add(h.Id)) { errors.Add(new(line, $"户编号“{number}”在文件中重复出现")); continue; }
            if (Text(row, "户主姓名") is { Length: > 0 } head && head != h.HeadName)
            { errors.Add(new(line, $"户编号“{number}”的户主不是“{head}”，请核对户编号")); continue; }
            var cadre = FindCadre(cadres, row, out var cadreError);
            if (cadre is null) { errors.Add(new(line, cadreError!)); continue; }
            if (!TryDate(row, "开始日期", out var start)) { errors.Add(new(line, "开始日期无效，格式应为 2026-01-01")); continue; }
            if (!cadre.IsActiveOn(start)) { errors.Add(new(line, $"帮扶干部 {cadre.Name} 在 {start:yyyy-MM-dd} 不在帮扶期内")); continue; }
            pairs.Add((h.Id, h.VillageCode, cadre.Id, start, cadre.ActiveTo));
        }
        if (errors.Count > 0) return RowErrors(errors);
        if (pairs.Count == 0) return Failure.Invalid("file", "文件中没有数据行");
        var result = await PairAsync(pairs, ct);
        return result.Succeeded ? new ImportPairingsResult(result.Value.Paired, result.Value.Rotated, result.Value.Unchanged) : result.Failure!;
    }

    private Cadre? FindCadre(List<Cadre> cadres, IDictionary<string, object?> row, out string? error)
    {
        error = null;
        var idText = Text(row, "干部编号");
        if (idText.Length > 0)
        {
            var byId = long.TryParse(idText, out var id) ? cadres.FirstOrDefault(c => c.Id == id) : null;
            if (byId is null) error = $"干部编号“{idText}”不存在或不在您的管辖范围内";
            return byId;
        }
        var name = Text(row, "干部姓名");
        if (name.Length == 0) { error = "请填写干部姓名"; return null; }
        var named = cadres.Where(c => c.Name == name).ToList();
        var unit = Text(row, "干部单位");
        if (unit.Length > 0) named = named.Where(c => SameUnit(c.Unit, unit)).ToList();
        var phone = Text(row, "干部手机号");
        var tail = Text(row, "干部手机尾号");
        if (tail.Length is > 0 and < 4 && tail.All(char.IsAsciiDigit)) tail = tail.PadLeft(4, '0'); // Excel dropped the leading zeros
        if (phone.Length > 0 || tail.Length > 0)
            named = named.Where(c => c.PhoneProtected is not null && protector.RevealPhone(c.PhoneProtected) is { } p
                && (phone.Length == 0 || p == phone) && (tail.Length == 0 || p.EndsWith(tail, StringComparison.Ordinal))).ToList();
        if (named.Count == 1) return named[0];
        var who = $"“{name}”{(unit.Length > 0 ? $"（{unit}）" : "")}";
        error = named.Count == 0
            ? $"找不到帮扶干部{who}{(phone.Length > 0 || tail.Length > 0 ? "，手机号不符" : "")}，请核对姓名和单位，或先在帮扶干部名单中登记"
            : unit.Length == 0
                ? $"有{named.Count}名帮扶干部叫“{name}”，请填写干部单位以区分"
                : $"{who}有{named.Count}名同名帮扶干部，请填写干部手机尾号（手机号后4位）以区分";
        return null;
    }

    /// <summary>Units compared as people type them: spaces ignored.</summary>
    private static bool SameUnit(string a, string b) =>
        string.Equals(string.Concat(a.Where(c => !char.IsWhiteSpace(c))), string.Concat(b.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal);

    private static async Task<List<IDictionary<string, object?>>> ReadAsync(Stream xlsx, string startCell, CancellationToken ct) =>
        (await xlsx.QueryAsync(useHeaderRow: true, startCell: startCell,
            configuration: new MiniExcelLibs.OpenXml.OpenXmlConfiguration { EnableSharedStringCache = false }, cancellationToken: ct))
        .Cast<IDictionary<string, object?>>().Take(5001).ToList();

    private static Failure RowErrors(List<ImportRowError> errors) =>
        new(FailureKind.Invalid, $"导入文件有{errors.Count}处错误，未导入任何数据，请修改后重新导入",
            errors.GroupBy(e => $"row{e.Row}").ToDictionary(g => g.Key, g => g.Select(e => $"第{e.Row}行：{e.Message}").ToArray()));

    private static string Text(IDictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var v) && v is not null ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!.Trim() : "";

    private static bool TryDate(IDictionary<string, object?> row, string column, out DateOnly date)
    {
        date = default;
        if (!row.TryGetValue(column, out var v) || v is null) return false;
        if (v is DateTime dt) { date = DateOnly.FromDateTime(dt); return true; }
        if (v is double serial && serial is > 1 and < 80000) { date = DateOnly.FromDateTime(DateTime.FromOADate(serial)); return true; }
        var text = Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!.Trim().Replace('/', '-').Replace('.', '-');
        return DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-M-d"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out date);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/pairings").WithTags("驻村帮扶");
        g.MapPost("/bulk", async (BulkPairRequest r, ManagePairingsHandler h, CancellationToken ct) => (await h.BulkPairAsync(r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FieldWorkManage).WithName("BulkPair").WithSummary("批量结对（原结对于新结对开始前一日结束，保留历史）");
        g.MapGet("/unpaired", async (string? region, int? page, int? pageSize, ManagePairingsHandler h, CancellationToken ct) =>
                TypedResults.Ok(await h.UnpairedAsync(region, page, pageSize, ct)))
            .RequireAuthorization(Permissions.RegistryView).WithName("UnpairedHouseholds").WithSummary("没有结对帮扶干部的户");
        g.MapGet("/template", (CancellationToken ct) => TemplateAsync(ct))
            .RequireAuthorization(Permissions.FieldWorkManage).ProducesFile().WithName("PairingTemplate").WithSummary("结对导入模板");
        g.MapPost("/import", async (IFormFile file, ManagePairingsHandler h, CancellationToken ct) =>
            {
                await using var s = file.OpenReadStream();
                using var buffer = new MemoryStream();
                await s.CopyToAsync(buffer, ct);
                buffer.Position = 0;
                return (await h.ImportAsync(buffer, ct)).ToHttp(TypedResults.Ok);
            })
            .DisableAntiforgery()
            .WithUploadLimit(UploadLimits.PairingImportKey, UploadLimits.PairingImportDefault, "结对导入文件")
            .RequireAuthorization(Permissions.FieldWorkManage).WithName("ImportPairings").WithSummary("从 Excel 导入结对（全部通过才写入）");
        api.MapGet("/households/{id:long}/pairings", async (long id, ManagePairingsHandler h, CancellationToken ct) =>
                (await h.HistoryAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView).WithTags("驻村帮扶").WithName("PairingHistory").WithSummary("该户的结对帮扶记录");
    }
}

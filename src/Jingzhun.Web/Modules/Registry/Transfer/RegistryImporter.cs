using Jingzhun.Web.Platform.Excel;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry.Rules;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.Transfer;

public enum ImportMode
{
    /// <summary>全部成功才导入: any error and nothing is written.</summary>
    All = 0,
    /// <summary>仅导入无误的户: households with an error are left out, the others are written.</summary>
    Valid = 1,
}

/// <summary>What to import: the region the rows must lie in (already checked against the user's scope), who imports, how.</summary>
public sealed record ImportOptions(string RegionCode, ImportMode Mode, bool DryRun, string UserName, string? UserId, string FileName, string? FileSha256 = null);

public sealed record ImportProgressInfo(int Read, int Validated, int Written, long BytesRead = 0, long BytesTotal = 0);

public sealed class ImportCounts
{
    public int Rows { get; set; }
    public int Households { get; set; }
    public int HouseholdsNew { get; set; }
    public int HouseholdsChanged { get; set; }
    public int HouseholdsUnchanged { get; set; }
    public int MembersNew { get; set; }
    public int MembersChanged { get; set; }
    public int MembersUnchanged { get; set; }
    public int IncomesNew { get; set; }
    public int IncomesChanged { get; set; }
    public int IncomesUnchanged { get; set; }
    public int ErrorRows { get; set; }
    public int ErrorHouseholds { get; set; }
    public int Errors { get; set; }
}

/// <summary>The outcome: counts, whether anything was written, the errors and the erroneous rows (for the error workbook).</summary>
public sealed class ImportResult
{
    public ImportCounts Counts { get; } = new();
    public bool Written { get; set; }
    public bool DryRun { get; set; }
    public ImportMode Mode { get; set; }
    public string? FileError { get; set; }
    public List<RowError> Errors { get; } = [];
    public List<RawRow> ErrorRows { get; } = [];

    public string Summary()
    {
        var c = Counts;
        if (FileError is not null) return FileError;
        // A refused import wrote nothing: it never reads "新增 1", only what was found and what to do.
        if (!DryRun && !Written)
            return $"未导入，没有写入任何数据（全部无误才导入）：共 {c.Rows} 行 {c.Households} 户，其中 {c.ErrorHouseholds} 户有错误"
                + $"（错误 {c.Errors} 处，{c.ErrorRows} 行）；请按错误清单修改后重新导入，或选择“仅导入无误的户”";
        var what = DryRun ? "预检（未写入）" : "已导入";
        return $"{what}：共 {c.Rows} 行 {c.Households} 户；户 新增 {c.HouseholdsNew}、变更 {c.HouseholdsChanged}、不变 {c.HouseholdsUnchanged}；"
            + $"成员 新增 {c.MembersNew}、变更 {c.MembersChanged}、不变 {c.MembersUnchanged}；收入 新增 {c.IncomesNew}、变更 {c.IncomesChanged}、不变 {c.IncomesUnchanged}；"
            + $"错误 {c.Errors} 处（{c.ErrorRows} 行，{c.ErrorHouseholds} 户）";
    }
}

/// <summary>
/// 批量导入: streams the file, validates every row with the forms' validators (<see cref="HouseholdFactsValidator"/>
/// and friends) in parallel, checks what only the whole file and the database can tell (one head per household, a
/// person in two households, the region), and writes in one transaction: new households by the bulk writer, changed
/// ones through their entities. Nothing is committed unless the whole import succeeds (or, in
/// <see cref="ImportMode.Valid"/>, for the valid households); a cancelled or killed import leaves no rows.
/// One audit entry records the import; one <see cref="RegistryChanges"/> announcement lets the listening modules queue their sweeps.
/// </summary>
public sealed class RegistryImporter(AppDbContext db, IValidator<HouseholdFacts> householdValidator, IValidator<MemberFacts> memberValidator,
    IValidator<IncomeLines> incomeValidator, PersonalDataProtector protector, RegionDirectory regions, RegistryChanges changes, TimeProvider clock,
    IConfiguration config, Platform.Files.PrivateTemp temp)
{
    /// <summary>Rows of one household (consecutive rows with one 户编号): a file of a million rows under one number is refused, not held.</summary>
    public const int MaxRowsPerHousehold = 100;
    public const int ChunkHouseholds = 100;
    private const int MaxKeptErrors = 100_000;

    private static readonly Dictionary<string, string> HouseholdHeaders = RegistryColumns.All.Where(c => c.Scope == ColumnScope.Household).ToDictionary(c => c.Property, c => c.Header);
    private static readonly Dictionary<string, string> MemberHeaders = RegistryColumns.All.Where(c => c.Scope == ColumnScope.Member).ToDictionary(c => c.Property, c => c.Header);
    private static readonly Dictionary<string, string> IncomeHeaders = RegistryColumns.All.Where(c => c.Scope == ColumnScope.Income).ToDictionary(c => c.Property, c => c.Header);
    private static readonly int RelationshipColumn = RegistryColumns.IndexOf("与户主关系");

    private sealed class ParsedMember
    {
        public required RawRow Row { get; init; }
        public required MemberFacts Facts { get; set; }
        public MemberStatus Status { get; init; }
        public DateOnly? LeftOn { get; init; }
        public string? LeftNote { get; init; }
        public IdNumberInfo? Id { get; set; }
        public string Hash { get; set; } = "";
        public long PersonKey { get; set; }
        public bool Active => Status == MemberStatus.Active;
    }

    private sealed class ParsedHousehold
    {
        public required string Number { get; init; }
        public required RawRow[] Rows { get; init; }
        public string Village { get; set; } = "";
        public HouseholdFacts Facts { get; set; } = new();
        public List<ParsedMember> Members { get; } = [];
        public int? IncomeYear { get; set; }
        public IncomeLines? Income { get; set; }
        public List<RowError> Errors { get; } = [];
        public Household? Built { get; set; }
    }

    public Task<ImportResult> RunAsync(Stream file, ImportOptions o, Action<ImportProgressInfo>? progress, CancellationToken ct)
    {
        var length = file.CanSeek ? file.Length : 0;
        return RunAsync(RegistryFileReader.Read(file, ct, Platform.Excel.XlsxLimits.From(config), temp.Folder), o,
            progress is null ? null : p => progress(p with { BytesRead = file.CanSeek ? file.Position : 0, BytesTotal = length }), ct);
    }

    /// <summary>Imports rows already read (e.g. generated ones, for loading straight into the database).</summary>
    public async Task<ImportResult> RunAsync(IEnumerable<RawRow> rows, ImportOptions o, Action<ImportProgressInfo>? progress, CancellationToken ct)
    {
        var result = new ImportResult { DryRun = o.DryRun, Mode = o.Mode };
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var (low, high) = o.RegionCode == "" ? ("000000000000", "999999999999") : RegionCodes.VillageRange(o.RegionCode);
        var hadHouseholds = await db.Households.AcrossScopes("an empty database takes the bulk-load path").AnyAsync(ct);
        var hadMembers = hadHouseholds && await db.Members.AcrossScopes("an empty database takes the bulk-load path").AnyAsync(ct);
        // A valid household number is its village's code and 4 digits, so a file's households can only match stored numbers
        // in the region's range: with none there (a province loaded after another) every valid household is new, as into
        // an empty database, and none is looked up.
        var (firstNumber, lastNumber) = (low + "0000", high + "9999");
        var regionHad = hadHouseholds && await db.Households.AcrossScopes("a household number is unique nationwide: any stored in the region's number range")
            .AnyAsync(h => string.Compare(h.HouseholdNumber, firstNumber) >= 0 && string.Compare(h.HouseholdNumber, lastNumber) <= 0, ct);

        db.SuppressAudit = true;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // A 100 MB page cache for the import's connection (SQLite's default is 2 MB): big enough for the index rebuild,
        // small enough to keep a province import under 1 GiB (200 MB measured 1,027 MiB peak).
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -100000;", ct);
        await using var writer = RegistryBulkWriter.For(db, config.GetValue("Import:CopyBatch", PostgresRegistryWriter.DefaultBatch));
        if (!hadHouseholds && !o.DryRun) await writer.DropIndexesAsync(ct);
        // The file's household numbers so far: a 16-digit number as a long (a province's 670,000 strings held to the end
        // were a tenth of the import's memory), anything else as text.
        var numberValues = new HashSet<long>();
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var persons = new Dictionary<long, int>();
        int read = 0, validated = 0, written = 0, merged = 0;
        var anyError = false;
        // Rows in the database (in this transaction), not those handed to the writer and still held.
        int Written() => (int)writer.MembersWritten + merged;
        try
        {
            // Three stages overlap: reading the file (one thread), validating a chunk (in parallel, no database), and
            // writing (with PostgreSQL's COPY on a task of its own when nothing else needs the connection).
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var raw = System.Threading.Channels.Channel.CreateBounded<(string Number, RawRow[] Rows)[]>(4);
            var chunks = System.Threading.Channels.Channel.CreateBounded<ParsedHousehold[]>(2);
            var reader = Task.Run(async () =>
            {
                try
                {
                    foreach (var chunk in Households(rows).Chunk(ChunkHouseholds)) await raw.Writer.WriteAsync(chunk, stop.Token);
                    raw.Writer.Complete();
                }
                catch (Exception e)
                {
                    raw.Writer.Complete(e);
                }
            }, stop.Token);
            var producer = Task.Run(async () =>
            {
                try
                {
                    await foreach (var chunk in raw.Reader.ReadAllAsync(stop.Token))
                    {
                        var parsed = new ParsedHousehold[chunk.Length];
                        Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = stop.Token, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                        {
                            var h = parsed[i] = Parse(chunk[i].Number, chunk[i].Rows, today, low, high);
                            // Into an empty registry every valid household is new: encrypt it here, off the writing path.
                            if (!regionHad && h.Errors.Count == 0) h.Built = Build(h, o.UserName, now);
                        });
                        await chunks.Writer.WriteAsync(parsed, stop.Token);
                    }
                    chunks.Writer.Complete();
                }
                catch (System.Threading.Channels.ChannelClosedException e) when (e.InnerException is not null)
                {
                    chunks.Writer.Complete(e.InnerException); // the reader's own error (an unreadable file), not a wrapper
                }
                catch (Exception e)
                {
                    chunks.Writer.Complete(e);
                }
            }, stop.Token);
            // Nothing but the writer uses the connection while the rows go in: no stored household to look up or change.
            writer.Overlapped = !regionHad && !hadMembers;
            try
            {
                await foreach (var parsed in chunks.Reader.ReadAllAsync(ct))
                {
                ct.ThrowIfCancellationRequested();
                var chunkRows = parsed.Sum(h => h.Rows.Length);
                read += chunkRows;
                result.Counts.Rows = read;
                result.Counts.Households += parsed.Length;
                progress?.Invoke(new ImportProgressInfo(read, validated, written));

                foreach (var h in parsed)
                {
                    var first = h.Number.Length == 16 && long.TryParse(h.Number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                        ? numberValues.Add(n) : numbers.Add(h.Number);
                    if (!first && h.Number != "")
                        h.Errors.Add(new RowError(h.Rows[0].Row, RegistryColumns.HouseholdNumber, $"户编号 {h.Number} 在文件中出现在不相邻的行：同一户的成员行应连续排列"));
                    foreach (var m in h.Members.Where(m => m.Active && m.Id is not null))
                        if (!persons.TryAdd(m.PersonKey, m.Row.Row))
                            h.Errors.Add(new RowError(m.Row.Row, RegistryColumns.IdNumber, $"与文件第 {persons[m.PersonKey]} 行是同一人：同一人不能同时属于两户"));
                }
                var existing = regionHad ? await LoadExistingAsync(parsed, ct) : [];
                if (hadMembers) await CheckOtherHouseholdsAsync(parsed, low, high, ct);

                var fresh = new List<ParsedHousehold>();
                var changedAny = false;
                foreach (var h in parsed)
                {
                    if (h.Errors.Count == 0 && existing.TryGetValue(h.Number, out var e))
                    {
                        var changed = Merge(h, e, o.UserName, now, today, result.Counts);
                        if (h.Errors.Count == 0)
                        {
                            if (changed) { result.Counts.HouseholdsChanged++; changedAny = true; }
                            else result.Counts.HouseholdsUnchanged++;
                        }
                    }
                    else if (h.Errors.Count == 0) fresh.Add(h);
                    if (h.Errors.Count > 0) Record(h, result);
                }
                anyError |= result.Counts.Errors > 0;
                validated += chunkRows;
                progress?.Invoke(new ImportProgressInfo(read, validated, written));

                Parallel.ForEach(fresh.Where(h => h.Built is null), new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, h => h.Built = Build(h, o.UserName, now));
                foreach (var h in fresh)
                {
                    result.Counts.HouseholdsNew++;
                    result.Counts.MembersNew += h.Members.Count;
                    if (h.IncomeYear is not null) result.Counts.IncomesNew++;
                }
                var write = !o.DryRun && (o.Mode == ImportMode.Valid || !anyError);
                if (write)
                {
                    await writer.WriteAsync(fresh.Select(h => h.Built!).ToList(), ct);
                    if (changedAny) await db.SaveChangesAsync(ct);
                    merged += parsed.Where(h => h.Errors.Count == 0 && existing.ContainsKey(h.Number)).Sum(h => h.Rows.Length);
                    written = Written();
                }
                db.ChangeTracker.Clear();
                progress?.Invoke(new ImportProgressInfo(read, validated, written));
                }
            }
            catch (System.Threading.Channels.ChannelClosedException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            }
            finally
            {
                await stop.CancelAsync();
                try { await producer; } catch (OperationCanceledException) { }
                try { await reader; } catch (OperationCanceledException) { }
            }
        }
        catch (Exception e) when (e is InvalidDataException or Platform.Excel.UnreadableFileException)
        {
            // Our own refusals carry a Chinese message; a library's (zip, XML) does not.
            result.FileError = e is Platform.Excel.UnreadableFileException ? e.Message : Platform.Excel.XlsxGuard.Corrupt;
            await writer.SettleAsync();
            await tx.RollbackAsync(CancellationToken.None);
            return result;
        }
        finally
        {
            db.SuppressAudit = false;
        }

        var commit = !o.DryRun && result.FileError is null && (o.Mode == ImportMode.Valid || !anyError);
        if (commit)
        {
            await writer.FinishRowsAsync(ct);
            written = Written();
        }
        else await writer.SettleAsync();
        progress?.Invoke(new ImportProgressInfo(read, validated, written)); // the last chance to cancel before the commit
        if (commit)
        {
            await writer.FinishAsync(ct);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserId = o.UserId, UserName = o.UserName, Action = AuditAction.Import, EntityType = "RegistryImport",
                EntityId = (o.FileSha256 ?? "")[..Math.Min(64, o.FileSha256?.Length ?? 0)], RegionCode = o.RegionCode,
                Summary = Truncate($"批量导入 {o.FileName}：户 新增 {result.Counts.HouseholdsNew}、变更 {result.Counts.HouseholdsChanged}、不变 {result.Counts.HouseholdsUnchanged}；成员 新增 {result.Counts.MembersNew}；错误 {result.Counts.Errors} 处", 200),
                Changes = JsonSerializer.Serialize(new { file = o.FileName, sha256 = o.FileSha256, mode = o.Mode.ToString(), counts = result.Counts }),
            });
            await db.SaveChangesAsync(ct);
            // One announcement for the whole import, inside the transaction: the listening modules queue their region
            // sweeps (the derived assessments are not made row by row here), committed together with the import.
            if (result.Counts.HouseholdsNew + result.Counts.HouseholdsChanged > 0)
                await changes.NotifyRegionAsync(o.RegionCode, o.UserName, ct);
            await tx.CommitAsync(ct);
            result.Written = true;
        }
        else await tx.RollbackAsync(CancellationToken.None);
        return result;
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..n];

    private static void Record(ParsedHousehold h, ImportResult result)
    {
        result.Counts.ErrorHouseholds++;
        result.Counts.Errors += h.Errors.Count;
        var rows = h.Errors.Select(e => e.Row).ToHashSet();
        result.Counts.ErrorRows += rows.Count;
        if (result.Errors.Count < MaxKeptErrors) result.Errors.AddRange(h.Errors);
        if (result.ErrorRows.Count < MaxKeptErrors) result.ErrorRows.AddRange(h.Rows.Where(r => rows.Contains(r.Row)));
    }

    /// <summary>Groups consecutive rows with the same household number.</summary>
    private static IEnumerable<(string Number, RawRow[] Rows)> Households(IEnumerable<RawRow> rows)
    {
        var current = new List<RawRow>();
        string? number = null;
        foreach (var r in rows)
        {
            var n = r.Fields[0].Trim();
            if (number is not null && (n != number || n == ""))
            {
                yield return (number, current.ToArray());
                current.Clear();
            }
            else if (current.Count >= MaxRowsPerHousehold)
                throw new Platform.Excel.UnreadableFileException(
                    $"第 {r.Row} 行：户编号 {n} 的连续行超过 {MaxRowsPerHousehold} 行（一户最多 {MaxRowsPerHousehold} 名成员），请检查文件");
            number = n;
            current.Add(r);
        }
        if (number is not null) yield return (number, current.ToArray());
    }

    private ParsedHousehold Parse(string number, RawRow[] rows, DateOnly today, string low, string high)
    {
        var h = new ParsedHousehold { Number = number, Rows = rows };
        var first = rows[0];
        var errs = h.Errors;
        var village = first.Fields[1].Trim();
        h.Village = village;
        if (number == "") errs.Add(new RowError(first.Row, RegistryColumns.HouseholdNumber, "请填写户编号"));
        var region = regions.Find(village);
        if (region is null || region.Level != RegionLevel.Village)
            errs.Add(new RowError(first.Row, RegistryColumns.VillageCode, village == "" ? "请填写村代码（12位行政区划代码）" : $"村代码 {village} 不是系统中的村（社区）"));
        else if (string.CompareOrdinal(village, low) < 0 || string.CompareOrdinal(village, high) > 0)
            errs.Add(new RowError(first.Row, RegistryColumns.VillageCode, $"村代码 {village}（{region.Name}）不在本次导入的地区范围内"));
        else if (number != "" && (number.Length != 16 || !number.StartsWith(village, StringComparison.Ordinal) || !number.All(char.IsAsciiDigit)))
            errs.Add(new RowError(first.Row, RegistryColumns.HouseholdNumber, $"户编号应为所在村代码加4位序号（16位数字，如 {HouseholdNumbers.Format(village, 1)}）"));

        h.Facts = RegistryRowParser.ParseHousehold(first.Fields, first.Row, errs);
        (h.IncomeYear, h.Income) = RegistryRowParser.ParseIncome(first.Fields, first.Row, errs);
        foreach (var r in rows.Skip(1))
            for (var k = 1; k < r.Fields.Length; k++)
            {
                if (k == RegistryRowParser.FirstMemberColumn) k = RegistryRowParser.FirstIncomeColumn;
                var v = r.Fields[k].Trim();
                if (v.Length > 0 && v != first.Fields[k].Trim())
                    errs.Add(new RowError(r.Row, RegistryColumns.Headers[k], $"与本户第一行（第 {first.Row} 行）的{RegistryColumns.Headers[k]}不一致：户级信息应相同或留空"));
            }
        if (errs.Count == 0) Add(errs, householdValidator.Validate(h.Facts), first.Row, HouseholdHeaders);

        foreach (var r in rows)
        {
            var before = errs.Count;
            var (facts, status, leftOn, note) = RegistryRowParser.ParseMember(r.Fields, r.Row, errs);
            var m = new ParsedMember { Row = r, Facts = facts, Status = status, LeftOn = leftOn, LeftNote = note };
            // The template's example household is never imported (its number may be a real household's).
            if (RegistryTemplate.IsExample(facts.IdNumber))
                errs.Add(new RowError(r.Row, RegistryColumns.IdNumber, "这是导入模板中的示例行（张三、张小明），不是真实农户：请删除示例行后再导入"));
            else if (errs.Count == before)
            {
                Add(errs, memberValidator.Validate(facts), r.Row, MemberHeaders);
                if (IdNumberRule.TryParse(facts.IdNumber, today, out var info, out _))
                {
                    m.Id = info;
                    m.Facts = facts with { IdNumber = info!.Normalized, Gender = info.Gender, BirthDate = info.BirthDate, Name = facts.Name.Trim() };
                    m.Hash = protector.HashIdNumber(info.Normalized);
                    m.PersonKey = PersonKey(info.Normalized);
                    if (leftOn is { } d && (d > today || d < info.BirthDate))
                        errs.Add(new RowError(r.Row, RegistryColumns.LeftOn, "减员日期不能晚于今天，也不能早于出生日期"));
                }
                if (note?.Length > 200) errs.Add(new RowError(r.Row, RegistryColumns.LeftNote, "减员说明不能超过200字"));
            }
            h.Members.Add(m);
        }
        var keys = new HashSet<long>();
        // A person who moved out and came back has a 迁出 row and an active row: only two active rows are one person twice.
        foreach (var m in h.Members.Where(m => m.Id is not null && m.Active))
            if (!keys.Add(m.PersonKey)) errs.Add(new RowError(m.Row.Row, RegistryColumns.IdNumber, "同一户中身份证号码重复"));
        var heads = h.Members.Count(m => m.Active && m.Facts.Relationship == Relationship.Head);
        if (heads != 1)
            errs.Add(new RowError(first.Row, RegistryColumns.Headers[RelationshipColumn], heads == 0
                ? "该户没有在册户主：每户须有且只有一名户主" : $"该户有 {heads} 名在册户主：每户只能有一名户主"));

        if (h.Income is not null)
        {
            var thisYear = today.Year;
            if (h.IncomeYear < RecordIncome.RecordIncomeHandler.FirstYear || h.IncomeYear > thisYear)
                errs.Add(new RowError(first.Row, RegistryColumns.IncomeYear, $"收入年度应在{RecordIncome.RecordIncomeHandler.FirstYear}至{thisYear}年之间"));
            Add(errs, incomeValidator.Validate(h.Income), first.Row, IncomeHeaders);
        }
        return h;
    }

    private static void Add(List<RowError> errors, ValidationResult result, int row, Dictionary<string, string> headers)
    {
        foreach (var f in result.Errors)
            errors.Add(new RowError(row, headers.GetValueOrDefault(f.PropertyName, f.PropertyName), f.ErrorMessage));
    }

    /// <summary>18-digit numbers by their 17 significant digits; 15-digit ones in a separate range.</summary>
    private static long PersonKey(string normalized) =>
        normalized.Length == 18 ? long.Parse(normalized.AsSpan(0, 17), provider: System.Globalization.CultureInfo.InvariantCulture)
        : (1L << 60) + long.Parse(normalized, provider: System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Dictionary<string, Household>> LoadExistingAsync(ParsedHousehold[] chunk, CancellationToken ct)
    {
        var wanted = chunk.Where(h => h.Errors.Count == 0).Select(h => h.Number).ToList();
        var found = new Dictionary<string, Household>(StringComparer.Ordinal);
        foreach (var part in wanted.Chunk(500))
            foreach (var e in await db.Households.AcrossScopes("a household number is unique nationwide: the file's own numbers, matched to update").Include(x => x.Members).Include(x => x.Incomes)
                         .Where(x => part.Contains(x.HouseholdNumber)).AsSplitQuery().ToListAsync(ct))
                found[e.HouseholdNumber] = e;
        return found;
    }

    /// <summary>A person who is an active member of another household in the database (the forms' rule, over the whole registry).</summary>
    private async Task CheckOtherHouseholdsAsync(ParsedHousehold[] chunk, string low, string high, CancellationToken ct)
    {
        var byHash = chunk.Where(h => h.Errors.Count == 0).SelectMany(h => h.Members.Where(m => m.Active && m.Hash != "").Select(m => (h, m)))
            .ToDictionary(x => x.m.Hash, x => x);
        foreach (var part in byHash.Keys.Chunk(500))
        {
            var others = await db.Members.AcrossScopes("a person is registered in one household nationwide (duplicate check)").Where(m => part.Contains(m.IdNumberHash) && m.Status == MemberStatus.Active)
                .Select(m => new { m.IdNumberHash, m.Household.HouseholdNumber, m.Household.VillageCode }).ToListAsync(ct);
            foreach (var other in others)
            {
                var (h, m) = byHash[other.IdNumberHash];
                if (other.HouseholdNumber == h.Number) continue;
                var visible = string.CompareOrdinal(other.VillageCode, low) >= 0 && string.CompareOrdinal(other.VillageCode, high) <= 0;
                h.Errors.Add(new RowError(m.Row.Row, RegistryColumns.IdNumber, visible
                    ? $"该身份证号码的人员已是户 {other.HouseholdNumber} 的成员，同一人不能同时属于两户（如需转入，请先在原户办理迁出）"
                    : "该身份证号码的人员已是其他地区某户的成员，同一人不能同时属于两户，请联系上级核实"));
            }
        }
    }

    /// <summary>A new household, built by the same domain code as the forms.</summary>
    private Household Build(ParsedHousehold p, string by, DateTime now)
    {
        var h = Household.Register(p.Number, p.Village, p.Facts, protector.ProtectPhone(p.Facts.Phone), now, by);
        foreach (var m in p.Members)
        {
            var member = Member.Create(h, m.Facts, protector.ProtectIdNumber(m.Id!, m.Hash), m.Id!.Gender, m.Id.BirthDate, now, by);
            if (!m.Active) member.Leave(m.Status, m.LeftOn!.Value, m.LeftNote, now, by);
        }
        if (p.Income is not null)
            HouseholdIncome.Create(h, p.IncomeYear!.Value, p.Income, p.Income.HouseholdSize ?? p.Members.Count(m => m.Active), now, by);
        h.RefreshSummary();
        return h;
    }

    /// <summary>Applies the file's household to the stored one (tracked); returns whether anything changed.</summary>
    private bool Merge(ParsedHousehold p, Household e, string by, DateTime now, DateOnly today, ImportCounts counts)
    {
        var first = p.Rows[0].Row;
        if (e.VillageCode != p.Village)
        {
            p.Errors.Add(new RowError(first, RegistryColumns.VillageCode, $"户编号 {p.Number} 在系统中属于村 {e.VillageCode}，与文件中的村代码不一致"));
            return false;
        }
        // Every check first: a household with an error is left exactly as stored.
        var phone = string.IsNullOrWhiteSpace(p.Facts.Phone) ? null : p.Facts.Phone.Trim();
        var normalized = Household.Register(p.Number, p.Village, p.Facts, (null, null), now, by);
        var factsChanged = !e.ToFacts(protector.RevealPhone(e.PhoneProtected)).Equals(normalized.ToFacts(phone));
        if (factsChanged && p.Facts.Status != e.Status && (p.Facts.Status == HouseholdStatus.Monitored || e.Status == HouseholdStatus.Monitored))
            p.Errors.Add(new RowError(first, "户类型", "“监测户”由防返贫监测认定程序确定，导入不能改变监测户的户类型"));
        var head = e.Members.FirstOrDefault(x => x.Status == MemberStatus.Active && x.Relationship == Relationship.Head);
        var fileHead = p.Members.First(m => m.Active && m.Facts.Relationship == Relationship.Head);
        if (head is not null && head.IdNumberHash != fileHead.Hash)
            p.Errors.Add(new RowError(fileHead.Row.Row, "与户主关系", $"该户在系统中的户主是 {head.Name}：更换户主请在户详情中办理，导入不更换户主"));
        var matched = MatchMembers(p, e);
        foreach (var m in p.Members)
            if (m.Active && matched[m] is { Status: not MemberStatus.Active } gone)
                p.Errors.Add(new RowError(m.Row.Row, RegistryColumns.MemberStatusHeader, $"{gone.Name} 在系统中已{Labels.Of(gone.Status)}，导入不能恢复为在册"));
        if (p.Errors.Count > 0) return false;

        var changed = false;
        if (factsChanged)
        {
            e.Update(p.Facts, protector.ProtectPhone(p.Facts.Phone), now, by);
            changed = true;
        }
        foreach (var m in p.Members)
        {
            var em = matched[m];
            if (em is null)
            {
                var created = Member.Create(e, m.Facts, protector.ProtectIdNumber(m.Id!), m.Id!.Gender, m.Id.BirthDate, now, by);
                if (!m.Active) created.Leave(m.Status, m.LeftOn!.Value, m.LeftNote, now, by);
                counts.MembersNew++;
                changed = true;
                continue;
            }
            if (em.Status != MemberStatus.Active)
            {
                counts.MembersUnchanged++;
                continue;
            }
            var id = new ProtectedIdNumber(em.IdNumberCipher, em.IdNumberHash, em.IdNumberMasked, em.IsLegacyIdNumber, "");
            var memberChanged = false;
            if (!em.ToFacts("").Equals(Normalize(m, id, now, by)))
            {
                em.Update(m.Facts, id, m.Id!.Gender, m.Id.BirthDate, now, by);
                memberChanged = true;
            }
            if (!m.Active)
            {
                em.Leave(m.Status, m.LeftOn!.Value, m.LeftNote, now, by);
                memberChanged = true;
            }
            if (memberChanged) { counts.MembersChanged++; changed = true; }
            else counts.MembersUnchanged++;
        }
        if (p.Income is not null)
        {
            var size = p.Income.HouseholdSize ?? e.Members.Count(x => x.Status == MemberStatus.Active);
            var ei = e.Incomes.FirstOrDefault(x => x.Year == p.IncomeYear);
            if (ei is null)
            {
                HouseholdIncome.Create(e, p.IncomeYear!.Value, p.Income, size, now, by);
                counts.IncomesNew++;
                changed = true;
            }
            else if (!ei.ToLines().Equals(p.Income with { HouseholdSize = size }))
            {
                ei.Set(p.Income, size, now, by);
                counts.IncomesChanged++;
                changed = true;
            }
            else counts.IncomesUnchanged++;
        }
        if (changed)
        {
            var version = e.Version;
            e.RefreshSummary();
            e.Touch(now, by);
            if (e.Version == version) e.BumpVersion();
        }
        return changed;
    }

    /// <summary>
    /// The stored member each file row stands for. One person may have several rows in a household (迁出 and back again:
    /// a left row and an active one), so a row takes, among the stored rows of its ID number not yet taken, the one in the
    /// same state (status and date left), else the active one (the file records a departure), else any.
    /// </summary>
    private static Dictionary<ParsedMember, Member?> MatchMembers(ParsedHousehold p, Household e)
    {
        var taken = new HashSet<Member>();
        var matched = new Dictionary<ParsedMember, Member?>();
        // Rows in a stored state first, so that a departure recorded by the file cannot take the row another file row keeps.
        foreach (var m in p.Members.OrderBy(m => e.Members.Any(x => x.IdNumberHash == m.Hash && x.Status == m.Status && x.LeftOn == m.LeftOn) ? 0 : 1))
        {
            var same = e.Members.Where(x => x.IdNumberHash == m.Hash && !taken.Contains(x)).ToList();
            var em = same.FirstOrDefault(x => x.Status == m.Status && x.LeftOn == m.LeftOn)
                ?? same.FirstOrDefault(x => x.Status == MemberStatus.Active) ?? same.FirstOrDefault();
            if (em is not null) taken.Add(em);
            matched[m] = em;
        }
        return matched;
    }

    /// <summary>The member's facts as the entity would store them (e.g. no disability grade unless disabled).</summary>
    private static MemberFacts Normalize(ParsedMember m, ProtectedIdNumber id, DateTime now, string by)
    {
        var scratch = Household.Register("0000000000000000", "000000000000", new HouseholdFacts(), (null, null), now, by);
        return Member.Create(scratch, m.Facts, id, m.Id!.Gender, m.Id.BirthDate, now, by).ToFacts("");
    }
}

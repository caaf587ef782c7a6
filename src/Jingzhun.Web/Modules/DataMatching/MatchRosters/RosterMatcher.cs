using System.Diagnostics;
using System.Globalization;
using Jingzhun.Web.Modules.DataMatching.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.Rules;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.DataMatching.MatchRosters;

public sealed record MatchCounts(int Rows, int Matched, int Unknown, int Invalid, int NewDoubts, int Repeated, IReadOnlyList<string> Errors);

/// <summary>
/// Matches a roster against the registry's active members of the batch's region by the ID number's keyed hash (HMAC-SHA256): the
/// members' hashes are held in memory as 32-byte keys (no string per person), each row's ID number is validated, hashed and looked
/// up; a row of someone not in the registry only adds to a count. Matched rows go through <see cref="MatchRules"/>; a rule that fired
/// on the same member in the same year in an earlier batch (not withdrawn) is not raised again. Runs as system work (a job): the
/// region is applied here, explicitly.
/// At province scale (2 million rows against 1.9 million members) the rows are checked in chunks on the thread pool while the file
/// is read, and the chunks are taken back in file order, so the counts, the first errors kept and which of two rows of one person
/// raises the 疑点 are exactly those of a reading row by row. The 疑点 are written in bulk (<see cref="DoubtWriter"/>) with one audit
/// entry for the batch.
/// </summary>
public sealed class RosterMatcher(AppDbContext db, PersonalDataProtector protector, PolicyStore policies, TimeProvider clock, ILogger<RosterMatcher> log)
{
    public const int MaxErrorsKept = 50;
    private const int ChunkRows = 8192;

    /// <summary>Chunks being checked at once: enough to keep both cores busy while this thread reads the file, few enough to bound memory.</summary>
    private static readonly int InFlight = Math.Max(2, Environment.ProcessorCount);

    public static TableLayout LayoutOf(RosterKind kind) => new(Headers(kind), Required(kind));

    public static List<string> Headers(RosterKind kind)
    {
        var c = MatchRules.Columns[kind];
        var h = new List<string> { "身份证号码", "姓名" };
        if (c.Amount is { } a) h.Add(a);
        if (c.Category is { } cat) h.Add(cat);
        if (c.Date is { } d) h.Add(d);
        h.Add("备注");
        return h;
    }

    public static List<string> Required(RosterKind kind)
    {
        var c = MatchRules.Columns[kind];
        var r = new List<string> { "身份证号码" };
        if (c.Amount is { } a && c.AmountRequired) r.Add(a);
        if (c.Category is { } cat && CategoryRequired(kind)) r.Add(cat);
        return r;
    }

    public static bool CategoryRequired(RosterKind kind) => kind is RosterKind.Assistance or RosterKind.School or RosterKind.DangerousHouse or RosterKind.Property;

    /// <summary>Matches the rows and adds the new 疑点 of <paramref name="batch"/> (saved by the caller with the batch's counts).</summary>
    public async Task<MatchCounts> MatchAsync(RosterBatch batch, IEnumerable<RawRow> rows, Action<int>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var today = ChinaTime.Today(clock);
        var year = today.Year;
        var thresholds = (await policies.InForceAsync<MatchingPolicy>(batch.RegionCode, year, ct)).Thresholds;
        var members = await MemberIndex.LoadAsync(db, batch.RegionCode, ct);
        var loaded = watch.Elapsed;
        var kind = batch.Kind;
        var seen = (await db.Doubts.AsNoTracking().Where(d => d.CountyCode.StartsWith(batch.RegionCode) && d.Kind == kind && d.Year == year
                && d.Status != DoubtStatus.Withdrawn)
            .Select(d => new { d.Rule, d.MemberId }).ToListAsync(ct)).Select(d => (d.Rule, d.MemberId)).ToHashSet();
        var check = new RowCheck(kind, Headers(kind), today, thresholds, members, protector);
        var errors = new List<string>();
        int total = 0, matched = 0, unknown = 0, invalid = 0, repeated = 0;
        var raised = new List<Doubt>();
        var now = clock.GetUtcNow().UtcDateTime;

        void Take(Chunk c)
        {
            var before = total;
            total += c.Rows;
            matched += c.Matched;
            unknown += c.Unknown;
            invalid += c.Invalid;
            foreach (var e in c.Errors)
                if (errors.Count < MaxErrorsKept) errors.Add(e);
            foreach (var h in c.Hits)
            {
                var person = members.People[h.Person];
                if (!seen.Add((h.Rule.Rule, person.MemberId)))
                {
                    repeated++;
                    continue;
                }
                raised.Add(Doubt.Raise(batch.Id, person.HouseholdId, person.MemberId, person.Village, kind, h.Rule, year, h.Amount, h.Date,
                    today.AddDays(thresholds.DaysFor(h.Rule.Outcome)), now, batch.CreatedBy));
            }
            if (total >> 16 != before >> 16) progress?.Invoke(total);
        }

        // The file is read on this thread (the reader is sequential); each chunk of rows is checked on the thread pool.
        var pending = new Queue<Task<Chunk>>();
        var buffer = new List<RawRow>(ChunkRows);
        foreach (var row in rows)
        {
            buffer.Add(row);
            if (buffer.Count < ChunkRows) continue;
            var full = buffer;
            pending.Enqueue(Task.Run(() => check.Run(full), ct));
            buffer = new List<RawRow>(ChunkRows);
            while (pending.Count > InFlight || (pending.Count > 0 && pending.Peek().IsCompleted)) Take(await pending.Dequeue());
        }
        if (buffer.Count > 0) pending.Enqueue(Task.FromResult(check.Run(buffer)));
        while (pending.Count > 0) Take(await pending.Dequeue());
        progress?.Invoke(total);
        var compared = watch.Elapsed;
        await DoubtWriter.WriteAsync(db, raised, ct);
        if (raised.Count > 0 && !db.SuppressAudit)
            await db.RecordAsync(Platform.Auditing.AuditAction.Import, nameof(RosterBatch), batch.Id.ToString(CultureInfo.InvariantCulture), null,
                batch.RegionCode, $"部门数据 {Labels.Of(kind)} {batch.Period}：新增疑点 {raised.Count:N0} 个", ct);
        log.LogInformation("部门数据比对 {Batch}: {Members} members loaded in {Load:0.0} s, {Rows} rows compared in {Compare:0.0} s, {Doubts} 疑点 saved in {Save:0.0} s",
            batch.Id, members.People.Count, loaded.TotalSeconds, total, (compared - loaded).TotalSeconds, raised.Count, (watch.Elapsed - compared).TotalSeconds);
        return new MatchCounts(total, matched, unknown, invalid, raised.Count, repeated, errors);
    }

    /// <summary>What a chunk of rows gave: counts, its row errors in row order (at most the number kept), the rules that fired.</summary>
    private sealed class Chunk
    {
        public int Rows, Matched, Unknown, Invalid;
        public List<string> Errors { get; } = [];
        public List<(int Person, RuleHit Rule, decimal? Amount, DateOnly? Date)> Hits { get; } = [];
    }

    /// <summary>The check of one row, pure apart from the keyed hash (one HMAC per thread): safe to run on several chunks at once.</summary>
    private sealed class RowCheck(RosterKind kind, List<string> headers, DateOnly today, MatchThresholds thresholds, MemberIndex members,
        PersonalDataProtector protector)
    {
        private readonly RosterColumns columns = MatchRules.Columns[kind];
        private readonly int amountAt = MatchRules.Columns[kind].Amount is { } a ? headers.IndexOf(a) : -1;
        private readonly int categoryAt = MatchRules.Columns[kind].Category is { } c ? headers.IndexOf(c) : -1;
        private readonly int dateAt = MatchRules.Columns[kind].Date is { } d ? headers.IndexOf(d) : -1;

        public Chunk Run(List<RawRow> rows)
        {
            var chunk = new Chunk { Rows = rows.Count };
            Span<byte> mac = stackalloc byte[32];
            var cellErrors = new List<RowError>();
            foreach (var row in rows)
            {
                var raw = row.Fields.Length > 0 ? row.Fields[0] : "";
                // The number itself never goes into an error: the row number and what is wrong are enough to find it in the file.
                if (!IdNumberRule.TryParse(raw, today, out var id, out _))
                {
                    chunk.Invalid++;
                    if (chunk.Errors.Count < MaxErrorsKept) chunk.Errors.Add($"第 {row.Row} 行：身份证号码有误（位数、出生日期或校验位不符）");
                    continue;
                }
                protector.HashIdNumber(id!.Normalized, mac);
                var at = members.Find(mac);
                if (at < 0)
                {
                    chunk.Unknown++;
                    continue;
                }
                chunk.Matched++;
                cellErrors.Clear();
                var cells = new CellReader(row.Fields, headers, row.Row, cellErrors);
                var facts = new RosterFacts(amountAt >= 0 ? cells.OptDecimal(amountAt) : null, categoryAt >= 0 ? cells.Text(categoryAt) : null,
                    dateAt >= 0 ? cells.OptDate(dateAt) : null);
                if (amountAt >= 0 && columns.AmountRequired && facts.Amount is null && cellErrors.Count == 0) cells.Fail(amountAt, $"请填写{columns.Amount}");
                if (categoryAt >= 0 && columns.Categories.Length > 0 && facts.Category is { } cat && Array.IndexOf(columns.Categories, cat) < 0)
                    cells.Fail(categoryAt, $"{columns.Category}应为：{string.Join("、", columns.Categories)}");
                if (categoryAt >= 0 && CategoryRequired(kind) && facts.Category is null) cells.Fail(categoryAt, $"请填写{columns.Category}");
                if (facts.Amount is < 0) cells.Fail(amountAt, $"{columns.Amount}不能为负数");
                if (cellErrors.Count > 0)
                {
                    chunk.Invalid++;
                    foreach (var e in cellErrors)
                        if (chunk.Errors.Count < MaxErrorsKept) chunk.Errors.Add($"第 {e.Row} 行 {e.Column}：{e.Message}");
                    continue;
                }
                if (MatchRules.Evaluate(kind, facts, members.People[at].Facts(), thresholds, today) is { } hit)
                    chunk.Hits.Add((at, hit, facts.Amount, facts.Date));
            }
            return chunk;
        }
    }
}

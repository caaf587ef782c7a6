using System.Buffers.Binary;
using System.Runtime.InteropServices;
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
/// </summary>
public sealed class RosterMatcher(AppDbContext db, PersonalDataProtector protector, PolicyStore policies, TimeProvider clock)
{
    public const int MaxErrorsKept = 50;

    [StructLayout(LayoutKind.Auto)]
    private readonly record struct Person(long K1, long K2, long K3, long MemberId, long HouseholdId, string Village, MemberFactsForMatch Facts);

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

    /// <summary>The registry's active members under <paramref name="region"/> (a county or above), keyed by their hash.</summary>
    private async Task<(Dictionary<long, int> Index, List<Person> People)> LoadAsync(string region, CancellationToken ct)
    {
        var index = new Dictionary<long, int>();
        var people = new List<Person>();
        var mac = new byte[32];
        var rows = db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Active && m.CountyCode.StartsWith(region))
            .Select(m => new
            {
                m.IdNumberHash, m.Id, m.HouseholdId, m.Household.VillageCode, HouseholdStatus = m.Household.Status, m.HealthStatus, m.DisabilityGrade,
                m.ReceivesDibao, m.ReceivesTekun, m.BirthDate,
            }).AsAsyncEnumerable();
        await foreach (var m in rows.WithCancellation(ct))
        {
            if (!Convert.TryFromBase64String(m.IdNumberHash, mac, out var n) || n != 32) continue;
            var k0 = BinaryPrimitives.ReadInt64LittleEndian(mac);
            var p = new Person(BinaryPrimitives.ReadInt64LittleEndian(mac.AsSpan(8)), BinaryPrimitives.ReadInt64LittleEndian(mac.AsSpan(16)),
                BinaryPrimitives.ReadInt64LittleEndian(mac.AsSpan(24)), m.Id, m.HouseholdId, m.VillageCode,
                new MemberFactsForMatch(m.HouseholdStatus, m.HealthStatus, m.DisabilityGrade, m.ReceivesDibao, m.ReceivesTekun, m.BirthDate));
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, k0, out var exists);
            // Two members whose hashes share their first 8 bytes (about one chance in 10^7 at province scale): chained through Next.
            people.Add(p);
            var at = people.Count - 1;
            if (exists) Chain[at] = slot;
            slot = at;
        }
        return (index, people);
    }

    /// <summary>Earlier members of a chain of equal first keys (rare), by position in the people list.</summary>
    private Dictionary<int, int> Chain { get; } = [];

    private int Find(Dictionary<long, int> index, List<Person> people, ReadOnlySpan<byte> mac)
    {
        if (!index.TryGetValue(BinaryPrimitives.ReadInt64LittleEndian(mac), out var at)) return -1;
        long k1 = BinaryPrimitives.ReadInt64LittleEndian(mac[8..]), k2 = BinaryPrimitives.ReadInt64LittleEndian(mac[16..]),
            k3 = BinaryPrimitives.ReadInt64LittleEndian(mac[24..]);
        while (true)
        {
            var p = people[at];
            if (p.K1 == k1 && p.K2 == k2 && p.K3 == k3) return at;
            if (!Chain.TryGetValue(at, out at)) return -1;
        }
    }

    /// <summary>Matches the rows and adds the new 疑点 of <paramref name="batch"/> (saved by the caller with the batch's counts).</summary>
    public async Task<MatchCounts> MatchAsync(RosterBatch batch, IEnumerable<RawRow> rows, Action<int>? progress, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var year = today.Year;
        var thresholds = (await policies.InForceAsync<MatchingPolicy>(batch.RegionCode, year, ct)).Thresholds;
        var (index, people) = await LoadAsync(batch.RegionCode, ct);
        var kind = batch.Kind;
        var columns = MatchRules.Columns[kind];
        var seen = (await db.Doubts.AsNoTracking().Where(d => d.CountyCode.StartsWith(batch.RegionCode) && d.Kind == kind && d.Year == year
                && d.Status != DoubtStatus.Withdrawn)
            .Select(d => new { d.Rule, d.MemberId }).ToListAsync(ct)).Select(d => (d.Rule, d.MemberId)).ToHashSet();
        var headers = Headers(kind);
        int amountAt = columns.Amount is { } a ? headers.IndexOf(a) : -1, categoryAt = columns.Category is { } c ? headers.IndexOf(c) : -1,
            dateAt = columns.Date is { } d0 ? headers.IndexOf(d0) : -1;
        var errors = new List<string>();
        int total = 0, matched = 0, unknown = 0, invalid = 0, repeated = 0;
        var raised = new List<Doubt>();
        var now = clock.GetUtcNow().UtcDateTime;
        var mac = new byte[32];
        var cellErrors = new List<RowError>();
        foreach (var row in rows)
        {
            total++;
            if ((total & 0xFFFF) == 0) progress?.Invoke(total);
            var raw = row.Fields.Length > 0 ? row.Fields[0] : "";
            // The number itself never goes into an error: the row number and what is wrong are enough to find it in the file.
            if (!IdNumberRule.TryParse(raw, today, out var id, out _))
            {
                invalid++;
                if (errors.Count < MaxErrorsKept) errors.Add($"第 {row.Row} 行：身份证号码有误（位数、出生日期或校验位不符）");
                continue;
            }
            protector.HashIdNumber(id!.Normalized, mac);
            var at = Find(index, people, mac);
            if (at < 0)
            {
                unknown++;
                continue;
            }
            matched++;
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
                invalid++;
                foreach (var e in cellErrors)
                    if (errors.Count < MaxErrorsKept) errors.Add($"第 {e.Row} 行 {e.Column}：{e.Message}");
                continue;
            }
            var person = people[at];
            if (MatchRules.Evaluate(kind, facts, person.Facts, thresholds, today) is not { } hit) continue;
            if (!seen.Add((hit.Rule, person.MemberId)))
            {
                repeated++;
                continue;
            }
            raised.Add(Doubt.Raise(batch.Id, person.HouseholdId, person.MemberId, person.Village, kind, hit, year, facts.Amount, facts.Date,
                today.AddDays(thresholds.DaysFor(hit.Outcome)), now, batch.CreatedBy));
        }
        progress?.Invoke(total);
        await SaveAsync(raised, ct);
        return new MatchCounts(total, matched, unknown, invalid, raised.Count, repeated, errors);
    }

    private async Task SaveAsync(List<Doubt> raised, CancellationToken ct)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var chunk in raised.Chunk(2000))
            {
                db.Doubts.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                foreach (var d in chunk) db.Entry(d).State = EntityState.Detached;
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}

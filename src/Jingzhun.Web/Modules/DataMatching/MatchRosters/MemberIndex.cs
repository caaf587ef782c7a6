using System.Buffers.Binary;
using System.Data.Common;
using System.Runtime.InteropServices;
using Jingzhun.Web.Modules.DataMatching.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jingzhun.Web.Modules.DataMatching.MatchRosters;

/// <summary>
/// The registry's active members under a region (a county or above), keyed by their ID number's keyed hash: 32 bytes held as four
/// longs, no string per person (village codes are shared). Read-only once loaded, so any number of threads may look up at once.
/// </summary>
internal sealed class MemberIndex
{
    [StructLayout(LayoutKind.Auto)]
    public readonly record struct Person(long K1, long K2, long K3, long MemberId, long HouseholdId, string Village, HouseholdStatus HouseholdStatus,
        HealthStatus Health, int? DisabilityGrade, bool ReceivesDibao, bool ReceivesTekun, DateOnly BirthDate)
    {
        public MemberFactsForMatch Facts() => new(HouseholdStatus, Health, DisabilityGrade, ReceivesDibao, ReceivesTekun, BirthDate);
    }

    private readonly Dictionary<long, int> index;
    /// <summary>Earlier members of a chain of equal first keys (rare), by position in <see cref="People"/>.</summary>
    private readonly Dictionary<int, int> chain = [];

    private MemberIndex(int capacity)
    {
        index = new Dictionary<long, int>(capacity);
        People = new List<Person>(capacity);
    }

    public List<Person> People { get; }

    /// <summary>
    /// One plain read of members joined to their households (ADO.NET on the context's connection and transaction: at province scale
    /// EF's materialisation of 1.9 million projected rows cost more than the read). The region is the prefix of the county code, as a
    /// range that the county index serves (codes are digits).
    /// </summary>
    public static async Task<MemberIndex> LoadAsync(AppDbContext db, string region, CancellationToken ct)
    {
        var m = db.Model.FindEntityType(typeof(Member))!;
        var h = db.Model.FindEntityType(typeof(Household))!;
        static string C(IEntityType t, string property) => $"\"{t.FindProperty(property)!.GetColumnName()}\"";
        var sql = $"SELECT m.{C(m, nameof(Member.IdNumberHash))}, m.{C(m, nameof(Member.Id))}, m.{C(m, nameof(Member.HouseholdId))}, " +
                  $"h.{C(h, nameof(Household.VillageCode))}, h.{C(h, nameof(Household.Status))}, m.{C(m, nameof(Member.HealthStatus))}, " +
                  $"m.{C(m, nameof(Member.DisabilityGrade))}, m.{C(m, nameof(Member.ReceivesDibao))}, m.{C(m, nameof(Member.ReceivesTekun))}, " +
                  $"m.{C(m, nameof(Member.BirthDate))} " +
                  $"FROM \"{m.GetTableName()}\" m JOIN \"{h.GetTableName()}\" h ON h.{C(h, nameof(Household.Id))} = m.{C(m, nameof(Member.HouseholdId))} " +
                  $"WHERE m.{C(m, nameof(Member.Status))} = @active AND " +
                  (db.Database.IsNpgsql()
                      ? $"m.{C(m, nameof(Member.CountyCode))} >= @low AND m.{C(m, nameof(Member.CountyCode))} <= @high"
                      // SQLite would read the members in the county index's order, one random page per member (6.7 s for the province
                      // in sqlite3, 29 s in the app); taking their ids from the index first makes it visit them in table order
                      // (2.5 s; a county 0.2 s, where a scan of the table would be 0.6 s).
                      : $"m.{C(m, nameof(Member.Id))} IN (SELECT c.{C(m, nameof(Member.Id))} FROM \"{m.GetTableName()}\" c " +
                        $"WHERE c.{C(m, nameof(Member.CountyCode))} >= @low AND c.{C(m, nameof(Member.CountyCode))} <= @high)");
        var villages = new Dictionary<string, string>(StringComparer.Ordinal);
        var mac = new byte[32];
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            DbCommand Command(string text)
            {
                var cmd = db.Database.GetDbConnection().CreateCommand();
                cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                cmd.CommandText = text;
                cmd.CommandTimeout = 0;
                // County codes are six digits: "50" covers 500000–509999, as StartsWith("50") would.
                Add(cmd, "low", region);
                Add(cmd, "high", region.Length >= 6 ? region : region + new string('9', 6 - region.Length));
                return cmd;
            }
            // Sized once (an upper bound read off the county index): grown by doubling, the province's arrays were copied at
            // 2^20 and 2^21 entries, and the old and the new were alive together at the peak.
            int size;
            await using (var count = Command($"SELECT count(*) FROM \"{m.GetTableName()}\" c WHERE c.{C(m, nameof(Member.CountyCode))} >= @low " +
                                             $"AND c.{C(m, nameof(Member.CountyCode))} <= @high"))
                size = Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            var result = new MemberIndex(size);
            await using var cmd = Command(sql);
            Add(cmd, "active", (int)MemberStatus.Active);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (!Convert.TryFromBase64String(r.GetString(0), mac, out var n) || n != 32) continue;
                var village = r.GetString(3);
                if (villages.TryGetValue(village, out var shared)) village = shared;
                else villages[village] = village;
                result.Add(mac, new Person(0, 0, 0, r.GetInt64(1), r.GetInt64(2), village, (HouseholdStatus)r.GetInt32(4), (HealthStatus)r.GetInt32(5),
                    r.IsDBNull(6) ? null : r.GetInt32(6), r.GetBoolean(7), r.GetBoolean(8), r.GetFieldValue<DateOnly>(9)));
            }
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private void Add(ReadOnlySpan<byte> mac, Person p)
    {
        People.Add(p with
        {
            K1 = BinaryPrimitives.ReadInt64LittleEndian(mac[8..]), K2 = BinaryPrimitives.ReadInt64LittleEndian(mac[16..]),
            K3 = BinaryPrimitives.ReadInt64LittleEndian(mac[24..]),
        });
        var at = People.Count - 1;
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, BinaryPrimitives.ReadInt64LittleEndian(mac), out var exists);
        // Two members whose hashes share their first 8 bytes (about one chance in 10^7 at province scale): chained.
        if (exists) chain[at] = slot;
        slot = at;
    }

    /// <summary>The member's position in <see cref="People"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> mac)
    {
        if (!index.TryGetValue(BinaryPrimitives.ReadInt64LittleEndian(mac), out var at)) return -1;
        long k1 = BinaryPrimitives.ReadInt64LittleEndian(mac[8..]), k2 = BinaryPrimitives.ReadInt64LittleEndian(mac[16..]),
            k3 = BinaryPrimitives.ReadInt64LittleEndian(mac[24..]);
        while (true)
        {
            var p = People[at];
            if (p.K1 == k1 && p.K2 == k2 && p.K3 == k3) return at;
            if (!chain.TryGetValue(at, out at)) return -1;
        }
    }
}

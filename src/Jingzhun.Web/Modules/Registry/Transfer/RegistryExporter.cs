using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.Transfer;

/// <summary>
/// The registry of a region as rows of the registry file, streamed in batches of households (memory stays flat for a
/// province). Each household carries one income year: the given year, or its latest. ID numbers and phones are
/// decrypted (the file must re-import), so the export is for users who may see full ID numbers, and is audited.
/// </summary>
public sealed class RegistryExporter(ReadDb read, PersonalDataProtector protector)
{
    private readonly AppDbContext db = read.Db;
    public const int Batch = 2000;

    public IEnumerable<RegistryRow> Rows(string regionCode, int? year)
    {
        var (low, high) = regionCode == "" ? ("000000000000", "999999999999") : RegionCodes.VillageRange(regionCode);
        var lastId = 0L;
        while (true)
        {
            var households = db.Households.AsNoTracking()
                .Where(h => h.Id > lastId && string.Compare(h.VillageCode, low) >= 0 && string.Compare(h.VillageCode, high) <= 0)
                .OrderBy(h => h.Id).Take(Batch).ToList();
            if (households.Count == 0) yield break;
            lastId = households[^1].Id;
            var ids = households.Select(h => h.Id).ToList();
            var (from, to) = (ids[0], ids[^1]);
            var members = db.Members.AsNoTracking().Where(m => m.HouseholdId >= from && m.HouseholdId <= to && ids.Contains(m.HouseholdId))
                .OrderBy(m => m.HouseholdId).ThenBy(m => m.Relationship).ThenBy(m => m.Id).ToList();
            var incomes = db.Incomes.AsNoTracking().Where(i => i.HouseholdId >= from && i.HouseholdId <= to && ids.Contains(i.HouseholdId)
                    && (year == null ? i.Year == i.Household.LatestIncomeYear : i.Year == year))
                .ToDictionary(i => i.HouseholdId);
            var ownIds = new string[members.Count];
            Parallel.For(0, members.Count, i => ownIds[i] = protector.RevealIdNumber(members[i].IdNumberCipher));
            var phones = new string?[households.Count];
            Parallel.For(0, households.Count, i => phones[i] = protector.RevealPhone(households[i].PhoneProtected));
            var byHousehold = members.Select((m, i) => (m, id: ownIds[i])).ToLookup(x => x.m.HouseholdId);
            for (var k = 0; k < households.Count; k++)
            {
                var h = households[k];
                var facts = h.ToFacts(phones[k]);
                incomes.TryGetValue(h.Id, out var income);
                foreach (var (m, id) in byHousehold[h.Id])
                    yield return new RegistryRow(h.HouseholdNumber, h.VillageCode, facts, m.ToFacts(id), m.Status, m.LeftOn, m.LeftNote,
                        income?.Year, income?.ToLines());
            }
        }
    }
}

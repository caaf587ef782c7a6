using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.DemoData;

/// <summary>
/// 结对帮扶 for the demo county: about one cadre per five households in each village (units as in seed 002's "321"
/// mechanism: 区级部门, 镇政府, 村委会), a resident work team per village led by its 第一书记, active pairings for nearly
/// all households (a few left unpaired for the list), one in ten with an earlier pairing (rotation history), and the
/// demo "cadre" account linked to a cadre with up to eight households of its village (the demo village, where the
/// monitoring demo put open problems, leads and a case under way: those households are the cadre's first). Deterministic by seed; bulk inserts.
/// </summary>
public sealed class FieldWorkDemo(AppDbContext db, RegionDirectory regions, PersonalDataProtector protector, TimeProvider clock)
{
    private const string Actor = "演示数据";
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "何", "罗", "郭", "谢", "唐"];
    private static readonly string[] Given = ["伟", "芳", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "建华", "志强", "海燕", "晓东", "春梅", "国庆"];
    private static readonly string[] CountyUnits = ["区农业农村委", "区乡村振兴局", "区教委", "区卫生健康委", "区人力社保局", "区民政局", "区住房城乡建委", "区水利局"];

    public async Task<(int Cadres, int Pairings, int Teams)> SeedAsync(string county, int seed, CancellationToken ct)
    {
        if (await db.Cadres.AnyAsync(ct)) return (0, 0, 0);
        var rng = new Random(seed + 5);
        var now = clock.GetUtcNow().UtcDateTime;
        var households = await db.Households.AsNoTracking().Where(h => h.CountyCode == county)
            .OrderBy(h => h.VillageCode).ThenBy(h => h.HouseholdNumber).Select(h => new { h.Id, h.VillageCode }).ToListAsync(ct);
        if (households.Count == 0) return (0, 0, 0);
        var cadreUser = await db.Users.Where(u => u.UserName == "cadre").Select(u => new { u.Id, u.RegionCode }).FirstOrDefaultAsync(ct);
        // The demo cadre's households: those with work waiting (open problems, risk leads, a case) first, then by 户编号.
        var busy = cadreUser is null ? [] : (await db.Problems.Where(p => p.VillageCode == cadreUser.RegionCode && p.Status != ProblemStatus.Verified)
                .Select(p => p.HouseholdId)
                .Concat(db.RiskLeads.Where(l => l.VillageCode == cadreUser.RegionCode && (l.Status == LeadStatus.Open || l.Status == LeadStatus.InProcedure))
                    .Select(l => l.HouseholdId))
                .ToListAsync(ct)).ToHashSet();

        db.SuppressAudit = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var since = new DateOnly(2021, 3, 1);
        var plan = new List<(Cadre Cadre, List<long> Households, string Village)>();
        var secretaries = new List<(Cadre Secretary, string Village)>();
        foreach (var village in households.GroupBy(h => h.VillageCode))
        {
            var ids = village.Select(h => h.Id).OrderBy(id => cadreUser?.RegionCode == village.Key && busy.Contains(id) ? 0 : 1).ToList();
            var township = regions.NameOf(village.Key[..9]);
            var villageName = regions.NameOf(village.Key);
            var units = new[] { CountyUnits[rng.Next(CountyUnits.Length)], $"{township}人民政府",
                villageName.EndsWith("委员会", StringComparison.Ordinal) ? villageName : $"{villageName}村民委员会" };
            var i = 0;
            var first = true;
            while (i < ids.Count)
            {
                // The demo cadre account's village: its own cadre carries up to eight households.
                var take = first && cadreUser?.RegionCode == village.Key ? 8 : 5;
                var cadre = NewCadre(rng, units[plan.Count % units.Length], village.Key, since,
                    first && cadreUser?.RegionCode == village.Key ? cadreUser.Id : null, now);
                plan.Add((cadre, ids.Skip(i).Take(take).ToList(), village.Key));
                i += take;
                first = false;
            }
            secretaries.Add((NewCadre(rng, CountyUnits[rng.Next(CountyUnits.Length)], village.Key, new DateOnly(2021, 6, 1), null, now), village.Key));
        }
        db.Cadres.AddRange(plan.Select(p => p.Cadre).Concat(secretaries.Select(s => s.Secretary)));
        await db.SaveChangesAsync(ct);

        var pairings = 0;
        var byVillage = plan.GroupBy(p => p.Village).ToDictionary(g => g.Key, g => g.Select(p => p.Cadre).ToList());
        foreach (var (cadre, ids, village) in plan)
        {
            foreach (var id in ids)
            {
                var isDemoCadre = cadre.UserId is not null;
                // A few households wait for a cadre (the "no active cadre" list is never empty in the demo).
                if (!isDemoCadre && rng.NextDouble() < 0.015) continue;
                var start = since.AddDays(rng.Next(60));
                if (!isDemoCadre && rng.NextDouble() < 0.10 && byVillage[village].Count > 1)
                {
                    // 轮换: an earlier cadre of the same village until the rotation date.
                    var earlier = byVillage[village].First(c => c.Id != cadre.Id);
                    var rotation = new DateOnly(2023, 1, 1).AddDays(rng.Next(700));
                    var old = Pairing.Start(id, earlier.Id, village, start, now, Actor);
                    old.End(rotation, now);
                    db.Pairings.Add(old);
                    start = rotation;
                    pairings++;
                }
                db.Pairings.Add(Pairing.Start(id, cadre.Id, village, start, now, Actor));
                pairings++;
            }
        }
        foreach (var (secretary, village) in secretaries)
        {
            var members = byVillage[village].Take(2).Select(c => c.Id);
            db.WorkTeams.Add(WorkTeam.Create(village, $"{regions.NameOf(village)}驻村工作队", secretary.Id, new DateOnly(2021, 6, 1), null, members, now, Actor));
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.SuppressAudit = false;
        return (plan.Count + secretaries.Count, pairings, secretaries.Count);
    }

    private Cadre NewCadre(Random rng, string unit, string village, DateOnly from, string? userId, DateTime now)
    {
        var name = Surnames[rng.Next(Surnames.Length)] + Given[rng.Next(Given.Length)];
        var phone = $"13{rng.Next(5, 10)}{rng.Next(10000000, 99999999)}";
        return Cadre.Create(name, unit, protector.ProtectPhone(phone), village, from, null, userId, now, Actor);
    }
}

using Jingzhun.Web.Modules.DataMatching.MatchRosters;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Modules.Registry.Rules;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.DataMatching.DemoData;

/// <summary>
/// Demo: four rosters of 铜梁区 this month — 公安 deaths, 车管 vehicles, 医保 inpatient costs and 教育 学籍 — built to hit known households
/// of the demo village (a death, a vehicle owner, a large medical bill, a dropout) among people who are not in the registry (counted,
/// never stored), matched by the same matcher as an upload. The 疑点 wait for the village's verification. Deterministic.
/// </summary>
internal sealed class MatchingDemoSeed(AppDbContext db, RosterMatcher matcher, PersonalDataProtector protector, TimeProvider clock) : IStartupSeed
{
    private const string Actor = "县大数据中心（演示）";
    public int Order => 490;
    public bool DemoOnly => true;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        const string county = DemoSeeder.County;
        if (await db.RosterBatches.AnyAsync(ct)) return null;
        var village = await db.Users.Where(u => u.UserName == "village").Select(u => u.RegionCode).FirstOrDefaultAsync(ct);
        if (village is not { Length: 12 }) return null;
        var today = ChinaTime.Today(clock);
        var members = await db.Members.AsNoTracking()
            .Where(m => m.Household.VillageCode == village && m.Status == MemberStatus.Active
                && (m.Household.Status == HouseholdStatus.Exited || m.Household.Status == HouseholdStatus.Monitored))
            .OrderBy(m => m.Household.HouseholdNumber).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.Name, m.IdNumberCipher, m.Relationship, m.BirthDate }).Take(60).ToListAsync(ct);
        if (members.Count < 10) return null;
        var rng = new Random(DemoSeeder.Seed + 19);
        var outsiders = Enumerable.Range(0, 40).Select(i => IdNumberRule.Compose(county, new DateOnly(1960 + rng.Next(50), 1 + rng.Next(12), 1 + rng.Next(28)),
            900 + i, i % 2 == 0 ? Gender.Male : Gender.Female)).ToList();
        string Id(int i) => protector.RevealIdNumber(members[i].IdNumberCipher);
        var notHead = members.Select((m, i) => (m, i)).Where(x => x.m.Relationship != Relationship.Head).Select(x => x.i).ToList();
        var child = members.Select((m, i) => (m, i)).Where(x => MatchRosters.RosterMatcher.Headers(RosterKind.School).Count > 0
            && Rules.MatchRules.AgeOn(x.m.BirthDate, today) is >= 7 and <= 15).Select(x => x.i).FirstOrDefault(-1);
        var month = $"{today.Year}年{today.Month}月";
        db.SuppressAudit = true;
        var notes = new List<string>();
        await RunAsync(RosterKind.Death, "死亡人员", [[Id(notHead.FirstOrDefault(1)), members[notHead.FirstOrDefault(1)].Name, "死亡", $"{today.AddDays(-20):yyyy-MM-dd}", ""]]);
        await RunAsync(RosterKind.Vehicle, "机动车登记", [[Id(2), members[2].Name, "85000", "小型轿车", $"{today.AddMonths(-5):yyyy-MM-dd}", ""],
            [Id(3), members[3].Name, "12000", "三轮摩托车", $"{today.AddMonths(-9):yyyy-MM-dd}", ""]]);
        await RunAsync(RosterKind.Medical, "住院自付", [[Id(4), members[4].Name, "23456.80", $"{today.AddDays(-10):yyyy-MM-dd}", ""],
            [Id(5), members[5].Name, "4999.99", $"{today.AddDays(-10):yyyy-MM-dd}", "未达预警线"]]);
        if (child >= 0) await RunAsync(RosterKind.School, "学籍", [[Id(child), members[child].Name, "", "辍学", $"{today.AddDays(-30):yyyy-MM-dd}", ""]]);
        db.SuppressAudit = false;
        return "演示数据：部门数据比对 " + string.Join("；", notes);

        async Task RunAsync(RosterKind kind, string what, List<string[]> hits)
        {
            var batch = RosterBatch.Upload(county, kind, month, $"{what}_{month}.xlsx", "演示", clock.GetUtcNow().UtcDateTime, Actor);
            db.RosterBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            var width = RosterMatcher.Headers(kind).Count;
            var rows = hits.Concat(outsiders.Skip(rng.Next(10)).Take(20 + rng.Next(10)).Select(o => new[] { o, "", "", "", "", "" }))
                .Select((f, i) => new RawRow(i + 2, f.Take(width).ToArray())).ToList();
            var counts = await matcher.MatchAsync(batch, rows, null, ct);
            batch.Finish(counts.Rows, counts.Matched, counts.Unknown, counts.Invalid, counts.NewDoubts, counts.Repeated,
                counts.Errors.Count == 0 ? null : string.Join('\n', counts.Errors), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            notes.Add($"{Labels.Of(kind)} {counts.Rows} 行，疑点 {counts.NewDoubts} 个");
        }
    }
}

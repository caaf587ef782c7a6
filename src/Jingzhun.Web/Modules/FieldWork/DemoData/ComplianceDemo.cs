using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.FieldWork.Rules;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.DemoData;

/// <summary>
/// A year of field work for the demo county, in the proportions of seed 002 (~50,000 visits a year for 4,448
/// households; 318 township meetings resolving 390 problems): nearly every paired household seen every month, festival
/// visits inside their windows, a few cadres behind, a handful of authenticity signals (a reused photo, far GPS points,
/// late entries), some emergencies, work logs and the townships' 月研判, on the pairings of the field-work demo.
/// Photos are stored as hashes only (no files). Deterministic by seed; visits are bulk inserted without per-row audit.
/// </summary>
public sealed class ComplianceDemo(AppDbContext db, TimeProvider clock)
{
    private const string Actor = "演示数据";
    public sealed record Result(int Visits, int Logs, int Meetings, int Items, int Resolved);

    public async Task<Result> SeedAsync(string county, int seed, CancellationToken ct)
    {
        if (await db.Visits.AnyAsync(ct)) return new(0, 0, 0, 0, 0);
        var rng = new Random(seed + 5);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var pairs = await (from p in db.Pairings.AsNoTracking()
                               where p.VillageCode.StartsWith(county)
                               join h in db.Households on p.HouseholdId equals h.Id
                               orderby p.HouseholdId, p.StartedOn
                               select new { p.HouseholdId, p.CadreId, p.VillageCode, p.StartedOn, p.EndedOn, h.Latitude, h.Longitude }).ToListAsync(ct);
            // Each month's visit is made by the cadre paired that month (rotations keep their history).
            var history = pairs.ToLookup(p => p.HouseholdId);
            pairs = pairs.Where(p => p.EndedOn == null).ToList();
            // A few cadres are behind: they miss about half of their monthly visits.
            var cadreIds = pairs.Select(p => p.CadreId).Distinct().Order().ToList();
            var behind = cadreIds.Where(_ => rng.NextDouble() < 0.04).ToHashSet();
            var calendar = new VisitCalendarPolicy();
            var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
            var festivals = Enumerable.Range(first.Year, 2).SelectMany(y => Enum.GetValues<Festival>().Select(f => VisitCalendar.FestivalDate(f, y))).ToList();
            var visits = new List<Visit>();
            var n = 0;
            // A dozen households were never visited: their cadres are the ones the never-visited list is for.
            // The demo cadre account still has this month's round to make, so its to-do list is not empty.
            var demoCadre = await db.Cadres.Where(c => c.UserId != null && db.Users.Any(u => u.Id == c.UserId && u.UserName == "cadre"))
                .Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            var neverVisited = pairs.Select(p => p.HouseholdId).Where(_ => rng.NextDouble() < 0.003).ToHashSet();
            foreach (var household in pairs.Where(p => !neverVisited.Contains(p.HouseholdId)))
            {
                for (var month = first; month <= today; month = month.AddMonths(1))
                {
                    var monthEnd = month.AddMonths(1).AddDays(-1);
                    var p = history[household.HouseholdId].LastOrDefault(x => x.StartedOn <= monthEnd && (x.EndedOn == null || x.EndedOn >= month));
                    if (p is null) continue;
                    var lag = behind.Contains(p.CadreId) ? 0.5 : 0.03;
                    var lastDay = monthEnd < today ? monthEnd : today.AddDays(-1);
                    if (lastDay < month || month < new DateOnly(p.StartedOn.Year, p.StartedOn.Month, 1) || rng.NextDouble() < lag) continue;
                    // The current month is under way: about as many households seen as days gone.
                    if (monthEnd >= today && (p.CadreId == demoCadre || rng.NextDouble() > (double)today.Day / monthEnd.Day)) continue;
                    // Most cadres time the month's visit to a festival that falls in the month.
                    var festival = festivals.FirstOrDefault(f => f >= month && f <= monthEnd);
                    var kind = VisitKind.Monthly;
                    DateOnly day;
                    if (festival != default && rng.NextDouble() < 0.85)
                    {
                        day = festival.AddDays(rng.Next(-calendar.FestivalDaysBefore, calendar.FestivalDaysAfter + 1));
                        kind = VisitKind.Festival;
                        if (day > lastDay || day < month) day = month.AddDays(rng.Next(lastDay.Day - month.Day + 1));
                    }
                    else day = month.AddDays(rng.Next(lastDay.Day - month.Day + 1));
                    if (kind == VisitKind.Monthly && month.Month is 7 or 12) kind = VisitKind.Seasonal;
                    var at = Compliance.ComplianceLoader.StartUtc(day).AddHours(9 + rng.Next(8)).AddMinutes(rng.Next(60));
                    if (at > now.AddHours(-1)) at = now.AddHours(-1); // today's visits lie in the past, never later today
                    var hasFix = p.Latitude is not null && rng.NextDouble() > 0.01;
                    double? lat = hasFix ? p.Latitude + (rng.NextDouble() - 0.5) * 0.002 : null;
                    double? lon = hasFix ? p.Longitude + (rng.NextDouble() - 0.5) * 0.002 : null;
                    var v = Visit.Record($"demo-{++n}", p.HouseholdId, p.VillageCode, p.CadreId, at, kind, lat, lon, hasFix ? 10 + rng.Next(40) : null,
                        kind == VisitKind.Festival ? "节日慰问，了解家庭生产生活情况" : "入户走访，了解收入、就业和两不愁三保障情况", Earlier(at.AddMinutes(20 + rng.Next(600)), now), Actor);
                    visits.Add(v);
                }
            }
            // Authenticity signals for the supervisors to find: GPS points far from home, late entries.
            // (Entered late: 6 to 15 days after the visit, so only visits at least 16 days old, and never after now.)
            var recent = visits.Where(v => v.VisitedAt >= Compliance.ComplianceLoader.StartUtc(first.AddMonths(10)) && v.VisitedAt <= now.AddDays(-16)).ToList();
            var odd = recent.Count > 20 ? Enumerable.Range(0, 8).Select(_ => recent[rng.Next(recent.Count)]).Distinct().ToList() : [];
            var replaced = new Dictionary<Visit, Visit>();
            for (var i = 0; i < odd.Count; i++)
            {
                var o = odd[i];
                replaced[o] = i % 2 == 0
                    ? Visit.Record(o.ClientId, o.HouseholdId, o.VillageCode, o.CadreId, o.VisitedAt, o.Kind, (o.Latitude ?? 29.84) + 0.05, (o.Longitude ?? 106.05) + 0.03, 15, o.Notes, o.EnteredAt, Actor)
                    : Visit.Record(o.ClientId, o.HouseholdId, o.VillageCode, o.CadreId, o.VisitedAt, o.Kind, o.Latitude, o.Longitude, o.Accuracy, o.Notes, o.VisitedAt.AddDays(6 + rng.Next(10)), Actor);
            }
            visits = visits.Select(v => replaced.GetValueOrDefault(v, v)).ToList();
            await VisitBulkInsert.RunAsync(db, visits, ct);
            await SeedReusedPhotoAsync(recent.Except(odd).Take(40).ToList(), rng, now, ct);
            await SeedEmergenciesAsync(pairs.Select(p => (p.HouseholdId, p.VillageCode)).ToList(), rng, today, now, ct);
            var logs = await SeedLogsAsync(pairs.Select(p => (p.CadreId, p.HouseholdId, p.VillageCode)).ToList(), rng, first, today, now, ct);
            var (meetings, items, resolved) = await SeedMeetingsAsync(county, rng, first, today, now, ct);
            return new(visits.Count, logs, meetings, items, resolved);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;

    private async Task SeedReusedPhotoAsync(IReadOnlyList<Visit> candidates, Random rng, DateTime now, CancellationToken ct)
    {
        if (candidates.Count < 2) return;
        var ids = candidates.Select(c => c.ClientId).ToList();
        var stored = await db.Visits.AsNoTracking().Where(v => ids.Contains(v.ClientId)).Select(v => new { v.Id, v.ClientId, v.HouseholdId, v.VillageCode }).ToListAsync(ct);
        // One photo (same content) on two different households' visits, and ordinary photos on a few others.
        var a = stored[0];
        var b = stored.FirstOrDefault(s => s.HouseholdId != a.HouseholdId) ?? stored[1];
        var shared = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("demo-reused-photo"u8.ToArray()));
        var n = 0;
        foreach (var (visit, hash) in new[] { (a, shared), (b, shared) }.Concat(stored.Skip(2).Take(10).Select(s => (s, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(rng.NextInt64())))))))
        {
            var fileId = $"demo{++n:0000}{hash[..20]}".ToLowerInvariant();
            db.Files.Add(new Platform.Files.StoredFile { Id = fileId, FileName = $"走访照片{n}.jpg", ContentType = "image/jpeg", Size = 0, Sha256 = hash,
                RegionCode = visit.VillageCode, CreatedBy = Actor, CreatedAt = now });
            db.VisitPhotos.Add(new VisitPhoto { ClientId = $"demo-photo-{n}", VisitId = visit.Id, StoredFileId = fileId, Sha256 = hash,
                RegionCode = visit.VillageCode, UploadedBy = Actor, UploadedAt = now });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task SeedEmergenciesAsync(IReadOnlyList<(long HouseholdId, string VillageCode)> households, Random rng, DateOnly today, DateTime now, CancellationToken ct)
    {
        string[] reasons = ["家庭成员突发重病住院", "房屋受暴雨损毁", "主要劳动力意外受伤", "遭受冰雹灾害，农作物受损"];
        for (var i = 0; i < 12 && households.Count > 0; i++)
        {
            var h = households[rng.Next(households.Count)];
            db.EmergencyFlags.Add(EmergencyFlag.Raise(h.HouseholdId, h.VillageCode, today.AddDays(-rng.Next(0, 20)), reasons[rng.Next(reasons.Length)], now, Actor));
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task<int> SeedLogsAsync(IReadOnlyList<(long CadreId, long HouseholdId, string VillageCode)> pairs, Random rng, DateOnly first, DateOnly today,
        DateTime now, CancellationToken ct)
    {
        string[] texts = ["走访结对户，宣讲防返贫监测政策，了解务工收入情况", "协助农户申报产业补助，查看柑橘种植长势", "组织召开院坝会，收集群众意见建议",
            "对接区人力社保局，为2名劳动力落实公益性岗位", "核实饮水安全情况，督促维修入户管网", "陪同农户到镇卫生院办理慢病卡"];
        string[] projects = ["高标准农田建设", "村集体经济花椒基地", "人居环境整治", "产业路硬化"];
        var logs = 0;
        var byCadre = pairs.GroupBy(p => p.CadreId).ToList();
        foreach (var g in byCadre.Where(_ => rng.NextDouble() < 0.25))
        {
            var mine = g.ToList();
            for (var i = 0; i < 3; i++)
            {
                var day = first.AddDays(rng.Next(today.DayNumber - first.DayNumber));
                var hh = mine.OrderBy(_ => rng.Next()).Take(1 + rng.Next(3)).Select(p => p.HouseholdId);
                db.WorkLogs.Add(WorkLog.Write(mine[0].VillageCode, g.Key, null, day, texts[rng.Next(texts.Length)],
                    rng.NextDouble() < 0.3 ? projects[rng.Next(projects.Length)] : null, hh, [], now, Actor));
                logs++;
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return logs;
    }

    private async Task<(int Meetings, int Items, int Resolved)> SeedMeetingsAsync(string county, Random rng, DateOnly first, DateOnly today, DateTime now,
        CancellationToken ct)
    {
        string[] subjects = ["脱贫户务工收入下降，需落实就业帮扶", "监测户因病支出较大，需落实医疗救助", "饮水管网老化，雨季供水不稳定",
            "住房屋面渗漏，需纳入危房改造", "义务教育阶段学生家庭困难，需落实教育资助", "产业收益分配不及时", "低保边缘户收入核实",
            "小额信贷到期还款困难", "公益性岗位人员履职情况", "易地搬迁户后续扶持"];
        string[] decisions = ["由镇社保所对接就业岗位，月底前落实", "由镇卫生院协助申请医疗救助", "由镇水利站组织维修", "纳入本年度危房改造计划",
            "由镇中心校落实资助", "由村集体经济组织限期兑现", "由民政办入户核实"];
        var townships = await db.Regions.AsNoTracking().Where(r => r.Code.StartsWith(county) && r.Code.Length == 9).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(ct);
        var problems = (await db.Problems.AsNoTracking().Where(p => p.CountyCode == county).Select(p => new { p.Id, p.VillageCode }).ToListAsync(ct))
            .ToLookup(p => p.VillageCode[..9], p => p.Id);
        int meetings = 0, items = 0, resolved = 0;
        foreach (var t in townships)
        {
            var linkable = problems[t].ToList();
            for (var month = new DateOnly(first.Year, first.Month, 1); month <= today; month = month.AddMonths(1))
            {
                // Most townships meet every month (the seed: 318 meetings in a year across 28 townships).
                if (rng.NextDouble() < 0.05) continue;
                var held = month.AddDays(20 + rng.Next(6));
                if (held >= today) continue;
                var list = Enumerable.Range(0, 1 + (rng.NextDouble() < 0.45 ? 1 : 0)).Select(_ =>
                {
                    var link = linkable.Count > 0 && rng.NextDouble() < 0.2 ? linkable[rng.Next(linkable.Count)] : (long?)null;
                    var solved = rng.NextDouble() < 0.86;
                    return new ReviewItem
                    {
                        ProblemId = link, Subject = subjects[rng.Next(subjects.Length)], Decision = decisions[rng.Next(decisions.Length)],
                        ActedBy = "镇乡村振兴办", ResolvedOn = solved ? held.AddDays(rng.Next(0, 20)) : null,
                    };
                }).ToList();
                foreach (var i in list.Where(i => i.ResolvedOn > today)) i.ResolvedOn = today;
                db.ReviewMeetings.Add(ReviewMeeting.Hold(t, held, "镇党委副书记、乡村振兴办主任、驻村第一书记、村支部书记", "分析研判本月走访发现的问题", list, now, Actor));
                meetings++;
                items += list.Count;
                resolved += list.Count(i => i.ResolvedOn is not null);
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (meetings, items, resolved);
    }
}

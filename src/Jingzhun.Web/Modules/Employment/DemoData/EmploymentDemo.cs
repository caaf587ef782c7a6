using Jingzhun.Web.Modules.Employment.Rules;
using Jingzhun.Web.Modules.Employment.SweepRisks;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Jingzhun.Web.Modules.Employment.ManageEmployment;
using Jingzhun.Web.Modules.Employment.Training;
using Jingzhun.Web.Modules.Employment.Workshops;

namespace Jingzhun.Web.Modules.Employment.DemoData;

/// <summary>
/// 就业 and 小额信贷 for the demo county, consistent with its registry and deterministic by seed: a job record for every
/// working member of the labour force (the registry's 务工状况 and months; about 60% of the labour force), a few of them
/// ended two months ago with no new job; about 9% of the 脱贫户 and 监测户 with a loan (a few hundred), most matured
/// loans repaid, some overdue. Then the sweep raises today's leads.
/// </summary>
public sealed class EmploymentDemo(AppDbContext db, EmploymentSweepHandler sweep, TimeProvider clock)
{
    private const string Actor = "演示数据";
    private static readonly string[] Banks = ["重庆农村商业银行", "中国邮政储蓄银行", "中国农业银行", "铜梁浦发村镇银行"];
    private static readonly (string Employer, string Sector)[] LocalJobs =
        [("铜梁区龙灯文化产业园", "文化旅游"), ("土桥镇柑橘专业合作社", "种植业"), ("铜梁区高新区电子厂", "制造业"), ("镇帮扶车间（服装加工）", "加工业")];
    private static readonly (string Employer, string Sector, string Place)[] FarJobs =
        [("重庆两江新区汽车配件厂", "制造业", "重庆市"), ("浙江宁波纺织有限公司", "制造业", "浙江省"), ("广东东莞电子厂", "制造业", "广东省"),
         ("山东日照建筑工程公司", "建筑业", "山东省"), ("江苏苏州物流园", "物流", "江苏省")];

    public async Task<(int Jobs, int Loans, int Leads)> SeedAsync(string county, int seed, CancellationToken ct, EmploymentProfile? profile = null)
    {
        profile ??= EmploymentProfile.Demo;
        var rng = new Random(seed + 13);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;

        var workers = await db.Members.AsNoTracking()
            .Where(m => m.CountyCode == county && m.Status == MemberStatus.Active && m.WorkStatus != WorkStatus.None)
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.HouseholdId, m.Household.VillageCode, m.WorkStatus, m.WorkMonths }).ToListAsync(ct);
        var jobs = 0;
        foreach (var batch in workers.Chunk(1000))
        {
            foreach (var w in batch)
            {
                var months = Math.Clamp(w.WorkMonths ?? 10, 1, 12);
                var far = w.WorkStatus >= WorkStatus.InProvince;
                var local = LocalJobs[rng.Next(LocalJobs.Length)];
                var (employer, sector, place) = far ? FarJobs[rng.Next(FarJobs.Length)] : (local.Employer, local.Sector, (string?)null);
                var channel = far ? (rng.Next(3) == 0 ? JobChannel.LabourCooperation : JobChannel.Own)
                    : (JobChannel)(1 + rng.Next(5));
                // This year's job, started early enough to hold its months (not before 1 January).
                var start = new DateOnly(today.Year, 1, 1).AddDays(rng.Next(20));
                var months12 = Math.Min(months, WorkRules.MaxMonths(start, today));
                DateOnly? end = null;
                if (rng.Next(40) == 0 && today.DayOfYear > 120)
                {
                    // A job lost about two months ago with no new one: the sweep's 因务工就业不稳 leads.
                    end = today.AddDays(-45 - rng.Next(30));
                    months12 = Math.Min(months12, WorkRules.MaxMonths(start, end.Value));
                }
                var facts = new JobFacts(w.WorkStatus, far ? place : null, employer, sector, months12, 2000 + 100 * rng.Next(50), channel, start, end);
                db.EmploymentRecords.Add(EmploymentRecord.Start(w.HouseholdId, w.VillageCode, w.Id, facts, now, Actor));
                jobs++;
                // Earlier years' records of the same worker (the province profile keeps a ledger of several years).
                for (var back = 1; back <= profile.PriorYears; back++)
                {
                    var y = today.Year - back;
                    var earlier = facts with { Months = Math.Clamp(months - 1 + rng.Next(3), 1, 12), StartedOn = new DateOnly(y, 1, 1).AddDays(rng.Next(20)), EndedOn = new DateOnly(y, 12, 31) };
                    db.EmploymentRecords.Add(EmploymentRecord.Start(w.HouseholdId, w.VillageCode, w.Id, earlier, now, Actor));
                    jobs++;
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var eligible = await db.Households.AsNoTracking()
            .Where(h => h.CountyCode == county && (h.Status == HouseholdStatus.Exited || h.Status == HouseholdStatus.Monitored))
            .OrderBy(h => h.Id).Select(h => new { h.Id, h.VillageCode, Borrower = h.Members.Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Relationship).Select(m => (long?)m.Id).FirstOrDefault() })
            .ToListAsync(ct);
        var loans = 0;
        foreach (var h in eligible.Where(h => h.Borrower is not null))
        {
            if (rng.Next(100) >= profile.LoanPercent) continue;
            var issued = today.AddDays(-rng.Next(30, 3 * 365));
            var years = 1 + rng.Next(3);
            var terms = new LoanTerms(Banks[rng.Next(Banks.Length)], $"XD{issued:yyyyMMdd}{h.Id:D6}", 10_000m + 5_000m * rng.Next(9), issued, issued.AddYears(years),
                3.45m + 0.05m * rng.Next(10), 0m, null, (LoanUse)(1 + rng.Next(6)), null);
            terms = terms with { SubsidyAmount = Math.Round(terms.Amount * terms.RatePercent / 100m * years, 2), SubsidyPayer = SubsidyPayer.County };
            var loan = Microloan.Issue(h.Id, h.VillageCode, h.Borrower!.Value, terms, rng.Next(10) == 0, now, Actor);
            // Matured loans: most repaid on their due day; about one in eight overdue.
            if (loan.DueOn < today && rng.Next(8) != 0)
                loan.Repay(loan.DueOn, loan.Amount, Math.Round(loan.Amount * loan.RatePercent / 100m * years, 2), now, Actor);
            else if (rng.Next(3) == 0)
                loan.Repay(issued.AddYears(1) < today ? issued.AddYears(1) : today, Math.Round(loan.Amount / 4, 0), Math.Round(loan.Amount * loan.RatePercent / 100m, 2), now, Actor);
            db.Microloans.Add(loan);
            loans++;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        if (!profile.Sweep) return (jobs, loans, 0);
        var ids = await db.Households.Where(h => h.CountyCode == county).OrderBy(h => h.Id).Select(h => h.Id).ToListAsync(ct);
        var leads = 0;
        foreach (var batch in ids.Chunk(1000)) { leads += await sweep.SweepAsync(batch, ct); db.ChangeTracker.Clear(); }
        return (jobs, loans, leads);
    }
}

/// <summary>
/// How much the seed makes: the share of eligible households (脱贫户, 监测户) with a loan, in percent; how many earlier years
/// of job records each worker gets besides this year's; whether the sweep raises today's leads afterwards.
/// </summary>
public sealed record EmploymentProfile(int LoanPercent, int PriorYears, bool Sweep)
{
    public static readonly EmploymentProfile Demo = new(9, 0, true);
}

/// <summary>The demo county's jobs and loans (once, after the monitoring demo).</summary>
internal sealed class EmploymentDemoSeed(AppDbContext db, EmploymentDemo demo, TimeProvider clock, ILogger<EmploymentDemoSeed> log) : IStartupSeed
{
    public int Order => 450;
    public bool DemoOnly => true;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        if (await db.Microloans.AnyAsync(ct) || await db.EmploymentRecords.AnyAsync(ct)
            || !await db.Households.AnyAsync(h => h.CountyCode == DemoSeeder.County, ct)) return null;
        db.SuppressAudit = true;
        var (jobs, loans, leads) = await demo.SeedAsync(DemoSeeder.County, DemoSeeder.Seed, ct);
        await TallyAsync(ct);
        db.SuppressAudit = false;
        log.LogInformation("就业与小额信贷：务工记录 {Jobs} 条，小额信贷 {Loans} 笔；预警新增风险线索 {Leads} 条", jobs, loans, leads);
        return null;
    }

    /// <summary>
    /// 务工监测 of the demo county: this month's tally, and last December's as the county reported it then (2.4% fewer at
    /// work, as the seed's 102.4% completion), so the default target (not below last year) has a figure to stand on.
    /// </summary>
    private async Task TallyAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        await WorkMonitoring.WorkTallies.ComputeAsync(db, DemoSeeder.County, today.Year, today.Month, now, ct);
        var current = await db.WorkTallies.AsNoTracking()
            .Where(t => t.CountyCode == DemoSeeder.County && t.Year == today.Year && t.Month == today.Month).ToListAsync(ct);
        var december = new DateTime(today.Year - 1, 12, 31, 8, 0, 0, DateTimeKind.Utc);
        db.WorkTallies.AddRange(current.Select(t =>
        {
            var employed = (int)(t.Employed / 1.024m);
            var fewer = t.Employed - employed;
            return new WorkMonitoring.WorkTally
            {
                VillageCode = t.VillageCode, CountyCode = t.CountyCode, Year = today.Year - 1, Month = 12, People = t.People, LabourForce = t.LabourForce,
                Employed = employed, OutsideCounty = Math.Max(0, t.OutsideCounty - fewer), OutsideProvince = Math.Max(0, t.OutsideProvince - fewer),
                JoblessLabour = t.JoblessLabour + fewer, JoblessAfterJob = t.JoblessAfterJob, JoblessIllness = t.JoblessIllness, JoblessWeak = t.JoblessWeak,
                ComputedAt = december,
            };
        }));
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// 公益性岗位 of the demo county (once, after the jobs and loans): in the demo village and the three villages after it, a
/// 保洁员, a 护林员 and a 护路员 held by working-age members of their 脱贫户 and 监测户 since January of last year, and a 水管员
/// left vacant. Last year's wages are paid by quarter, and this year's months so far where the household has this
/// year's income on record, each through the ledger's own handler, so that the households' incomes hold them.
/// </summary>
internal sealed class WelfareJobDemoSeed(AppDbContext db, DemoSeeder seeder, WelfareJobs.ManageWelfareJobsHandler jobs, TimeProvider clock,
    ILogger<WelfareJobDemoSeed> log) : IStartupSeed
{
    private static readonly (WelfareJobType Type, string Name, decimal Pay)[] Positions =
        [(WelfareJobType.Cleaner, "村道及公共区域保洁", 800m), (WelfareJobType.ForestRanger, "生态护林", 900m),
         (WelfareJobType.RoadKeeper, "农村公路养护", 700m), (WelfareJobType.WaterKeeper, "供水设施管护", 600m)];

    public int Order => 460;
    public bool DemoOnly => true;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        if (await db.WelfareJobs.AnyAsync(ct) || await seeder.DemoVillageAsync(ct) is not { } first) return null;
        var today = ChinaTime.Today(clock);
        var lastYear = today.Year - 1;
        var start = new DateOnly(lastYear, 1, 1);
        var villages = await db.Households.AsNoTracking()
            .Where(h => h.CountyCode == DemoSeeder.County && string.Compare(h.VillageCode, first) >= 0)
            .Select(h => h.VillageCode).Distinct().OrderBy(v => v).Take(4).ToListAsync(ct);
        db.SuppressAudit = true;
        var (held, paid) = (0, 0);
        foreach (var village in villages)
        {
            var youngest = today.AddYears(-18);
            var oldest = today.AddYears(-60);
            var holders = await db.Members.AsNoTracking()
                .Where(m => m.Household.VillageCode == village && m.Status == MemberStatus.Active && m.BirthDate <= youngest && m.BirthDate > oldest
                    && (m.Household.Status == HouseholdStatus.Exited || m.Household.Status == HouseholdStatus.Monitored))
                .OrderBy(m => m.Id).Select(m => new { m.Id, m.HouseholdId }).Take(Positions.Length - 1).ToListAsync(ct);
            var thisYear = await db.Incomes.AsNoTracking().Where(i => i.Household.VillageCode == village && i.Year == today.Year)
                .Select(i => i.HouseholdId).ToListAsync(ct);
            for (var i = 0; i < Positions.Length; i++)
            {
                var (type, name, pay) = Positions[i];
                var created = await jobs.CreateAsync(new(village, type, name, null, pay, start), ct);
                if (!created.Succeeded || i >= holders.Count) continue;
                var view = await jobs.AssignAsync(created.Value!.Job.Id, new(holders[i].Id, start, created.Value.Job.Version), ct);
                if (!view.Succeeded) continue;
                held++;
                var months = new List<(int Year, int From, int To)> { (lastYear, 1, 3), (lastYear, 4, 6), (lastYear, 7, 9), (lastYear, 10, 12) };
                if (today.Month > 1 && thisYear.Contains(holders[i].HouseholdId)) months.Add((today.Year, 1, today.Month - 1));
                foreach (var (year, from, to) in months)
                {
                    var r = await jobs.PayAsync(view.Value!.Job.Id, new(year, from, to, null, null, new DateOnly(year, to, 1).AddMonths(1) > today ? today
                        : new DateOnly(year, to, 1).AddMonths(1).AddDays(4), view.Value.Job.Version), ct);
                    if (!r.Succeeded) break;
                    view = r;
                    paid++;
                }
            }
        }
        db.SuppressAudit = false;
        log.LogInformation("公益性岗位：{Villages} 个村设岗 {Jobs} 个，在岗 {Held} 人，工资发放 {Paid} 笔", villages.Count, villages.Count * Positions.Length, held, paid);
        return null;
    }
}

// --- 就业帮扶车间 and 技能培训 ----------------------------------------------------------------------------------

/// <summary>
/// Two 帮扶车间 of the demo county (in two townships) with a few workers each, taken from its labour force not at work
/// (each worker's job recorded as the pages record it: channel 帮扶车间, 乡镇内 or 乡外县内), and some 技能培训 records;
/// then this month's 务工监测 again. Once, after the jobs and loans.
/// </summary>
internal sealed class WorkshopDemoSeed(AppDbContext db, TimeProvider clock, ILogger<WorkshopDemoSeed> log) : IStartupSeed
{
    private const string Actor = "演示数据";
    public int Order => 455;
    public bool DemoOnly => true;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        const string county = DemoSeeder.County;
        if (await db.Workshops.AnyAsync(ct) || await db.TrainingRecords.AnyAsync(ct) || !await db.Households.AnyAsync(h => h.CountyCode == county, ct)) return null;
        db.SuppressAudit = true;
        var rng = new Random(DemoSeeder.Seed + 20);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var labour = await db.Members.AsNoTracking()
            .Where(m => m.CountyCode == county && m.Status == MemberStatus.Active && m.WorkStatus == WorkStatus.None
                        && (m.LaborSkill == LaborSkill.Ordinary || m.LaborSkill == LaborSkill.Skilled || m.LaborSkill == LaborSkill.Weak))
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.HouseholdId, m.Household.VillageCode }).Take(400).ToListAsync(ct);
        var villages = labour.Select(m => m.VillageCode).Distinct().Order(StringComparer.Ordinal).ToList();
        if (villages.Count == 0) return null;
        var second = villages.FirstOrDefault(v => v[..9] != villages[0][..9]) ?? villages[^1];
        (string Village, WorkshopFacts Facts)[] shops =
        [
            (villages[0], new("土桥镇扶贫帮扶车间（服装加工）", "重庆铜梁锦绣服饰有限公司", "纺织服装", new DateOnly(today.Year - 2, 5, 20), WorkshopStatus.Operating)),
            (second, new("龙灯编织帮扶车间", "铜梁区巧手竹编专业合作社", "手工编织", new DateOnly(today.Year - 1, 3, 8), WorkshopStatus.Operating)),
        ];
        var hired = new List<long>();
        var taken = 0;
        foreach (var (village, facts) in shops)
        {
            var workshop = Workshop.Register(village, facts, now, Actor);
            // Mostly people of the workshop's own township, one or two from elsewhere in the county.
            var near = labour.Skip(taken).Where(m => m.VillageCode[..9] == village[..9]).Take(4).ToList();
            var workers = near.Concat(labour.Skip(taken).Where(m => m.VillageCode[..9] != village[..9]).Take(6 - near.Count)).ToList();
            taken += 40;
            foreach (var m in workers.Where(m => !hired.Contains(m.Id)))
            {
                var started = today.AddDays(-30 - rng.Next(300));
                var (jobStart, months) = WorkshopRules.JobOf(started, today);
                var wage = 2200m + 100m * rng.Next(12);
                var job = EmploymentRecord.Start(m.HouseholdId, m.VillageCode, m.Id,
                    new JobFacts(WorkshopRules.PlaceOf(village, m.VillageCode), null, facts.Name, facts.Industry, months, wage, JobChannel.Workshop, jobStart, null), now, Actor);
                db.EmploymentRecords.Add(job);
                await db.SaveChangesAsync(ct);
                workshop.Hire(m.Id, started, wage, job.Id, now, Actor);
                hired.Add(m.Id);
            }
            db.Workshops.Add(workshop);
            await db.SaveChangesAsync(ct);
        }
        await ManageEmploymentHandler.RefreshAsync(db, hired, clock, Actor, ct);

        (string Course, TrainingKind Kind, string Organiser, int Hours)[] courses =
        [
            ("中式烹调师", TrainingKind.Vocational, "铜梁区职业教育中心", 120), ("柑橘栽培管理", TrainingKind.FarmingTechnique, "铜梁区农业技术推广站", 24),
            ("电商直播创业", TrainingKind.Entrepreneurship, "铜梁区就业和人才服务局", 60), ("外出务工引导", TrainingKind.Guidance, "土桥镇劳动保障所", 8),
            ("焊工", TrainingKind.Vocational, "重庆铜梁技工学校", 160),
        ];
        var trained = 0;
        foreach (var m in labour.Where((_, i) => i % 7 == 3).Take(45))
        {
            var c = courses[rng.Next(courses.Length)];
            var start = today.AddDays(-20 - rng.Next(600));
            var end = start.AddDays(Math.Max(1, c.Hours / 8));
            if (end > today) end = today;
            var cert = c.Kind switch
            {
                TrainingKind.Vocational => rng.Next(3) == 0 ? CertificateKind.SkillLevel : CertificateKind.SpecialAbility,
                TrainingKind.Guidance => CertificateKind.None,
                _ => CertificateKind.TrainingCertificate,
            };
            var number = cert == CertificateKind.None ? null : $"{start:yyyy}5001510{rng.Next(100000, 999999)}";
            db.TrainingRecords.Add(TrainingRecord.Record(m.HouseholdId, m.VillageCode, m.Id,
                new TrainingFacts(c.Course, c.Kind, c.Organiser, start, end, c.Hours, cert, number), now, Actor));
            trained++;
        }
        await db.SaveChangesAsync(ct);
        await WorkMonitoring.WorkTallies.ComputeAsync(db, county, today.Year, today.Month, now, ct);
        db.SuppressAudit = false;
        log.LogInformation("帮扶车间 {Workshops} 个，务工人员 {Workers} 人；技能培训 {Trainings} 条", shops.Length, hired.Count, trained);
        return null;
    }
}

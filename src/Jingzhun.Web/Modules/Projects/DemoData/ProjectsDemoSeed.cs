using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.DemoData;

/// <summary>
/// The demo county's 衔接项目库 2021–2025 (once, after the registry): about 150 projects a year with budgets, beneficiary
/// households, allocations of about 1.2 亿 yuan a year split onto them, and payments consistent with each project's stage.
/// Deterministic: the same seed gives the same library.
/// </summary>
internal sealed class ProjectsDemoSeed(AppDbContext db, RegionDirectory regions, TimeProvider clock, ILogger<ProjectsDemoSeed> log) : IStartupSeed
{
    public int Order => 450;
    public bool DemoOnly => true;

    private static readonly (ProjectCategory Category, string[] SubTypes, int Weight)[] Kinds =
    [
        (ProjectCategory.Industry, ["柑橘种植基地", "生猪养殖场", "农产品加工厂", "冷链仓储设施", "乡村旅游配套", "蔬菜大棚"], 45),
        (ProjectCategory.Employment, ["帮扶车间", "以工代赈", "公益性岗位", "技能培训"], 15),
        (ProjectCategory.Construction, ["产业路", "饮水工程", "人居环境整治", "村组道路硬化"], 25),
        (ProjectCategory.PublicService, ["村卫生室改造", "教育助学", "村级便民服务中心"], 8),
        (ProjectCategory.Relocation, ["安置点配套设施", "安置点后续产业"], 4),
        (ProjectCategory.Other, ["项目管理费"], 3),
    ];

    /// <summary>The year's allocations to the county: source, level, amount in 万元 and the issuing month.</summary>
    private static readonly (FundSource Source, FundLevel Level, int Wan, int Month, string Doc)[] Issues =
    [
        (FundSource.CentralBridging, FundLevel.Central, 3200, 1, "渝财农〔{0}〕3号"),
        (FundSource.CentralBridging, FundLevel.Central, 1800, 6, "渝财农〔{0}〕58号"),
        (FundSource.CityBridging, FundLevel.City, 2100, 2, "渝财农〔{0}〕11号"),
        (FundSource.CityBridging, FundLevel.City, 900, 7, "渝财农〔{0}〕66号"),
        (FundSource.CountyBridging, FundLevel.County, 2000, 3, "铜财农〔{0}〕8号"),
        (FundSource.EastWest, FundLevel.City, 800, 4, "渝协作办〔{0}〕5号"),
        (FundSource.Integrated, FundLevel.County, 1500, 3, "铜财整合〔{0}〕2号"),
    ];

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        if (await db.Projects.AnyAsync(ct) || !await db.Households.AnyAsync(h => h.CountyCode == DemoSeeder.County, ct)) return null;
        var villages = regions.ChildrenOf(DemoSeeder.County).SelectMany(t => regions.ChildrenOf(t.Code)).Where(v => v.Level == RegionLevel.Village).ToList();
        if (villages.Count == 0) return null;
        var households = (await db.Households.AsNoTracking().Where(h => h.CountyCode == DemoSeeder.County).Select(h => new { h.Id, h.VillageCode })
            .ToListAsync(ct)).GroupBy(h => h.VillageCode).ToDictionary(g => g.Key, g => g.Select(h => h.Id).OrderBy(id => id).ToList());
        var today = ChinaTime.Today(clock);
        var rng = new Random(DemoSeeder.Seed + 17);
        db.SuppressAudit = true;
        var projects = 0;
        var totalPaid = 0m;
        var assets = 0;
        for (var year = 2021; year <= Math.Min(2025, today.Year); year++)
        {
            var (made, paid, left) = await SeedYearAsync(DemoSeeder.County, year, villages, households, 140 + rng.Next(21), 1, today, rng, ct);
            projects += made;
            totalPaid += paid;
            assets += left;
        }
        db.SuppressAudit = false;
        log.LogInformation("衔接项目库：演示项目 {Projects} 个，累计支付 {Paid:0} 万元，项目资产 {Assets} 项", projects, totalPaid / 10_000m, assets);
        return null;
    }

    /// <summary>
    /// One county's year of the library: its allocations (the demo county's scale times <paramref name="scale"/>), <paramref name="count"/>
    /// projects at the stages their age suggests, the money put onto them and paid, and the assets of the handed-over ones
    /// (<paramref name="assetsPerProject"/> each). Deterministic for a seeded <paramref name="rng"/>. Used by the demo seed
    /// and by <c>generate-projects</c> (the province-scale benchmark profile).
    /// </summary>
    internal async Task<(int Projects, decimal Paid, int Assets)> SeedYearAsync(string county, int year, List<Region> villages,
        Dictionary<string, List<long>> households, int count, int assetsPerProject, DateOnly today, Random rng, CancellationToken ct, decimal scale = 1m)
    {
        var totalPaid = 0m;
        var paidBy = new Dictionary<long, decimal>();
        var allocations = Issues.Select(i => new FundAllocation
        {
            Year = year, Source = i.Source, Level = i.Level, DocumentNumber = string.Format(System.Globalization.CultureInfo.InvariantCulture, i.Doc, year),
            Amount = decimal.Round(i.Wan * 10_000m * scale, 0), CountyCode = county, IssuedOn = new DateOnly(year, i.Month, 10 + rng.Next(10)),
            Version = 1, UpdatedAt = clock.GetUtcNow().UtcDateTime, UpdatedBy = "系统",
        }).Where(a => a.IssuedOn <= today).ToList();
        db.FundAllocations.AddRange(allocations);
        await db.SaveChangesAsync(ct);
        var left = allocations.ToDictionary(a => a.Id, a => a.Amount);
        // One write for the year's projects, one for their money.
        var made = Enumerable.Range(0, count).Select(_ => NewProject(year, villages, households, today, rng)).ToList();
        db.Projects.AddRange(made.Select(m => m.Project));
        await db.SaveChangesAsync(ct);
        foreach (var (p, source) in made)
        {
            if (p.Stage is ProjectStage.Proposed or ProjectStage.Reviewed or ProjectStage.Terminated) continue;
            // Split the budget onto the year's allocations of its source, as far as they reach.
            var need = p.Budgets[0].Amount;
            foreach (var a in allocations.Where(a => a.Source == source && left[a.Id] > 0))
            {
                var take = Math.Min(need, left[a.Id]);
                if (take <= 0) break;
                left[a.Id] -= take;
                need -= take;
                var at = ChinaTime.ToUtc(Max(a.IssuedOn, p.PlannedStart.AddDays(-20)).ToDateTime(new TimeOnly(10, 0)));
                db.FundAssignments.Add(new FundAssignment { AllocationId = a.Id, ProjectId = p.Id, RegionCode = p.RegionCode, Amount = take, At = at, By = "tl_admin" });
                var share = p.Stage switch
                {
                    ProjectStage.Accepted or ProjectStage.HandedOver or ProjectStage.Evaluated => 1m,
                    ProjectStage.Completed => 0.8m,
                    ProjectStage.Started => 0.2m + 0.1m * rng.Next(5),
                    _ => 0m,
                };
                var pay = decimal.Round(take * share, 2);
                if (pay <= 0) continue;
                var first = Max(a.IssuedOn, p.StartedOn ?? p.PlannedStart);
                var paidOn = Min(first.AddDays(rng.Next(30, 200)), today);
                if (paidOn < a.IssuedOn) continue;
                db.FundPayments.Add(new FundPayment
                {
                    ProjectId = p.Id, AllocationId = a.Id, RegionCode = p.RegionCode, PaidOn = paidOn, Amount = pay,
                    VoucherNumber = $"TL{year}-{p.Id:D5}-{a.Id}", Payee = p.ImplementingUnit, At = ChinaTime.ToUtc(paidOn.ToDateTime(new TimeOnly(15, 0))), By = "tl_admin",
                });
                totalPaid += pay;
                paidBy[p.Id] = paidBy.GetValueOrDefault(p.Id) + pay;
            }
        }
        await db.SaveChangesAsync(ct);
        var assets = await LeaveAssetsAsync(made.Select(m => m.Project).Where(p => p.HandedOverAt is not null).ToList(), paidBy, assetsPerProject, today, rng, ct);
        return (made.Count, totalPaid, assets);
    }

    /// <summary>
    /// The assets of the handed-over projects: one each, worth what was paid, owned by the village collective; most run
    /// normally, a few are idle, inefficient or damaged. A 经营性 asset earned 4–8 % of its value each full year since:
    /// older years shared between the collective and 公益性岗位 and paid; the latest proposed by the township with
    /// dividends to the project's 入股分红 households, waiting for the county's approval.
    /// </summary>
    private async Task<int> LeaveAssetsAsync(List<Project> handed, Dictionary<long, decimal> paidBy, int perProject, DateOnly today, Random rng,
        CancellationToken ct)
    {
        var made = new List<(Project Project, Assets.ProjectAsset Asset)>();
        foreach (var p in handed)
        for (var k = 0; k < perProject; k++)
        {
            var at = p.HandedOverAt!.Value;
            var on = DateOnly.FromDateTime(ChinaTime.ToLocal(at));
            var cls = Assets.AssetRules.DefaultClass(p.Category, AssetRecipient.VillageCollective);
            var (quantity, unit) = p.Category switch
            {
                ProjectCategory.Construction => (1m + rng.Next(8), "公里"),
                ProjectCategory.Industry => (50m + 10 * rng.Next(30), "亩"),
                _ => (1m, "处"),
            };
            var value = decimal.Round(paidBy.GetValueOrDefault(p.Id, p.BudgetTotal) / perProject, 2);
            var a = Assets.ProjectAsset.Register(p.Id, perProject == 1 ? p.SubType : $"{p.SubType}（{k + 1}）", cls, p.RegionCode, quantity, unit, value,
                AssetRecipient.VillageCollective, null, $"{regions.NameOf(p.Villages[0]).Replace("村民委员会", "", StringComparison.Ordinal)}村委会", on, at,
                "tl_admin", $"项目 {p.Id} 资产移交登记");
            var roll = rng.Next(100);
            var status = roll < 85 ? Assets.AssetStatus.Operating : roll < 91 ? Assets.AssetStatus.Idle : roll < 96 ? Assets.AssetStatus.Inefficient : Assets.AssetStatus.Damaged;
            if (status != Assets.AssetStatus.Operating)
                a.SetStatus(status, status switch
                {
                    Assets.AssetStatus.Idle => "经营主体退出，设施暂未使用",
                    Assets.AssetStatus.Inefficient => "收益低于预期，正在研究盘活方案",
                    _ => "汛期受损，待维修",
                }, at.AddDays(200 + rng.Next(200)), "tuqiao");
            a.AddCare(Assets.AssetCareKind.Inspection, Min(on.AddDays(90), today), "设施完好，运行正常", 0, [], at.AddDays(90), "tuqiao");
            db.ProjectAssets.Add(a);
            made.Add((p, a));
        }
        await db.SaveChangesAsync(ct);
        foreach (var (p, a) in made.Where(m => m.Asset.Class == Assets.AssetClass.Operating && m.Asset.Status == Assets.AssetStatus.Operating))
        {
            var dividendHouseholds = p.Beneficiaries.Where(b => b.Benefit == BenefitKind.Dividends).Select(b => b.HouseholdId).ToList();
            for (var year = a.RegisteredOn.Year + 1; year < today.Year; year++)
            {
                var amount = decimal.Round(a.Value * (4 + rng.Next(5)) / 100m, 0);
                if (amount <= 0) break;
                var latest = year == today.Year - 1;
                var collective = decimal.Round(amount * 0.3m, 0);
                var jobs = latest && dividendHouseholds.Count > 0 ? decimal.Round(amount * 0.1m, 0) : amount - collective;
                var shares = Assets.AssetRules.EqualShares(amount - collective - jobs, dividendHouseholds.Count);
                var dividends = latest ? dividendHouseholds.Select((h, i) => (h, shares[i])).Where(d => d.Item2 > 0).ToList() : [];
                if (dividends.Count == 0) jobs = amount - collective;
                var proposedAt = ChinaTime.ToUtc(new DateOnly(year + 1, 1, 15).ToDateTime(new TimeOnly(10, 0)));
                var income = Assets.AssetIncome.Propose(a, year, amount, collective, jobs, dividends, proposedAt, "tuqiao");
                if (!latest)
                {
                    income.Approve(proposedAt.AddDays(10), "tl_admin");
                    income.Pay(new DateOnly(year + 1, 2, 10), proposedAt.AddDays(20), "tl_admin");
                }
                db.AssetIncomes.Add(income);
            }
        }
        await db.SaveChangesAsync(ct);
        return made.Count;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static (Project Project, FundSource Source) NewProject(int year, List<Region> villages, Dictionary<string, List<long>> households,
        DateOnly today, Random rng)
    {
        var kind = Pick(rng);
        var subType = kind.SubTypes[rng.Next(kind.SubTypes.Length)];
        var village = villages[rng.Next(villages.Count)];
        var chosen = new List<string> { village.Code };
        // A road or water project often serves the neighbouring village of the same township too.
        if (kind.Category == ProjectCategory.Construction && rng.Next(3) == 0)
        {
            var next = villages.FirstOrDefault(v => v.ParentCode == village.ParentCode && v.Code != village.Code && rng.Next(3) == 0);
            if (next is not null) chosen.Add(next.Code);
        }
        var source = rng.Next(10) switch { < 4 => FundSource.CentralBridging, < 6 => FundSource.CityBridging, < 8 => FundSource.CountyBridging, 8 => FundSource.Integrated, _ => FundSource.EastWest };
        var amount = (40 + rng.Next(200)) * 5_000m;
        var start = new DateOnly(year, 3, 1).AddDays(rng.Next(150));
        var end = start.AddDays(90 + rng.Next(180));
        var beneficiaries = new List<(long, BenefitKind)>();
        if (households.TryGetValue(village.Code, out var ids) && kind.Category is ProjectCategory.Industry or ProjectCategory.Employment or ProjectCategory.Construction)
        {
            var benefit = kind.Category switch
            {
                ProjectCategory.Employment => BenefitKind.Wages,
                ProjectCategory.Construction => BenefitKind.Facilities,
                _ => (BenefitKind)(1 + rng.Next(4)),
            };
            foreach (var id in ids.OrderBy(_ => rng.Next()).Take(3 + rng.Next(10))) beneficiaries.Add((id, benefit));
        }
        var proposedAt = ChinaTime.ToUtc(new DateOnly(year - 1, 10, 1).AddDays(rng.Next(60)).ToDateTime(new TimeOnly(9, 0)));
        var place = village.Name.Replace("村民委员会", "", StringComparison.Ordinal).Replace("居民委员会", "", StringComparison.Ordinal);
        var p = Project.Propose($"{place}{subType}项目", year, chosen, kind.Category, subType, UnitOf(kind.Category, place),
            start, end, beneficiaries.Count + rng.Next(20), kind.Category == ProjectCategory.Employment ? 5 + rng.Next(40) : rng.Next(10),
            (5 + rng.Next(30)) * 100m, [(source, amount)], beneficiaries, proposedAt, "tuqiao");
        // Recent years are still on their way; older ones are mostly accepted (a few stopped or waiting: the warnings).
        var roll = rng.Next(100);
        var target = (today.Year - year) switch
        {
            >= 2 => roll < 3 ? ProjectStage.Terminated : roll < 5 ? ProjectStage.Completed : ProjectStage.Accepted,
            1 => roll < 5 ? ProjectStage.Planned : roll < 25 ? ProjectStage.Started : roll < 40 ? ProjectStage.Completed : roll < 97 ? ProjectStage.Accepted : ProjectStage.Terminated,
            _ => roll < 10 ? ProjectStage.Proposed : roll < 20 ? ProjectStage.Reviewed : roll < 35 ? ProjectStage.Approved : roll < 55 ? ProjectStage.Planned : ProjectStage.Started,
        };
        var at = proposedAt;
        DateTime Next(int days) => at = at.AddDays(days);
        if (target == ProjectStage.Terminated)
        {
            p.Apply(ProjectStep.Terminate, "终止原因：群众意愿变化，项目不再实施", Next(40), DateOnly.FromDateTime(at), "tl_admin");
            return (p, source);
        }
        var steps = new (ProjectStage Reached, ProjectStep Step, string By)[]
        {
            (ProjectStage.Reviewed, ProjectStep.Review, "tuqiao_review"), (ProjectStage.Approved, ProjectStep.Approve, "tl_admin"),
            (ProjectStage.Planned, ProjectStep.IssuePlan, "tl_admin"), (ProjectStage.Started, ProjectStep.Start, "tuqiao"),
            (ProjectStage.Completed, ProjectStep.Complete, "tuqiao"), (ProjectStage.Accepted, ProjectStep.Accept, "tl_admin"),
        };
        foreach (var (reached, step, by) in steps)
        {
            if (reached > target) break;
            var when = step switch
            {
                ProjectStep.Start => ChinaTime.ToUtc(start.ToDateTime(new TimeOnly(9, 0))),
                ProjectStep.Complete => ChinaTime.ToUtc(end.ToDateTime(new TimeOnly(17, 0))),
                _ => Next(10 + rng.Next(20)),
            };
            at = when;
            if (DateOnly.FromDateTime(ChinaTime.ToLocal(at)) > today) break;
            var day = DateOnly.FromDateTime(ChinaTime.ToLocal(at));
            p.Apply(step, step == ProjectStep.Accept ? "验收结果：合格" : Labels.Of(step), at, day, by,
                result: step == ProjectStep.Accept ? AcceptanceResult.Passed : null);
            if (step == ProjectStep.Start && target == ProjectStage.Started)
                p.Apply(ProjectStep.Progress, "实施进度", at.AddDays(30), day.AddDays(30), by, progress: 20 + 10 * rng.Next(7));
        }
        // Projects accepted two or more years ago had their assets handed over a month later and were evaluated the next spring.
        if (p.Stage == ProjectStage.Accepted && today.Year - year >= 2)
        {
            var handed = at.AddDays(30);
            p.Apply(ProjectStep.HandOver, "资产移交给：村集体经济组织", handed, DateOnly.FromDateTime(ChinaTime.ToLocal(handed)), "tl_admin",
                recipient: AssetRecipient.VillageCollective);
            var evaluated = new DateOnly(year + 1, 3, 20);
            if (evaluated <= today && evaluated > DateOnly.FromDateTime(ChinaTime.ToLocal(handed)))
            {
                var grade = roll % 10 < 3 ? PerformanceGrade.Excellent : roll % 10 < 9 ? PerformanceGrade.Good : PerformanceGrade.Fair;
                p.Apply(ProjectStep.Evaluate, $"绩效评价：{Labels.Of(grade)}", ChinaTime.ToUtc(evaluated.ToDateTime(new TimeOnly(10, 0))), evaluated,
                    "tl_admin", grade: grade);
            }
        }
        // Most works running past their planned completion had it adjusted (调整) by the county on that day; one in four
        // did not and is warned as behind.
        if (p.Stage == ProjectStage.Started && p.PlannedEnd < today && roll % 4 != 0)
        {
            var extended = today.AddDays(30 + roll);
            p.Apply(ProjectStep.Adjust, $"调整原因：施工期延长；计划完工调整为 {extended:yyyy-MM-dd}", ChinaTime.ToUtc(end.ToDateTime(new TimeOnly(15, 0))),
                end, "tl_admin", plannedEnd: extended, reason: "施工期延长");
        }
        return (p, source);
    }

    private static (ProjectCategory Category, string[] SubTypes, int Weight) Pick(Random rng)
    {
        var roll = rng.Next(Kinds.Sum(k => k.Weight));
        foreach (var k in Kinds)
        {
            if (roll < k.Weight) return k;
            roll -= k.Weight;
        }
        return Kinds[0];
    }

    private static string UnitOf(ProjectCategory c, string village) => c switch
    {
        ProjectCategory.Industry => $"{village}股份经济合作联合社",
        ProjectCategory.Employment => "铜梁区人力社保局",
        ProjectCategory.Construction => "铜梁区交通局",
        ProjectCategory.PublicService => "铜梁区卫生健康委",
        ProjectCategory.Relocation => "铜梁区发展改革委",
        _ => "铜梁区乡村振兴局",
    };
}

using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring.Rules;
using Jingzhun.Web.Modules.Monitoring.SweepRisks;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Monitoring.DemoData;

/// <summary>
/// A monitoring history for the demo county, in the proportions of the seeds (Chongqing: 3.6% of registered people
/// identified as monitoring objects since 2021, 84.8% of them with the risk eliminated): identified households went
/// through every step within 15 days of their lead; most were eliminated after 6–18 months; the rest are monitored now,
/// with plans and measures. Then the sweep raises today's leads. Deterministic by seed.
/// </summary>
public sealed class MonitoringDemo(AppDbContext db, SweepRisksHandler sweep, TimeProvider clock)
{
    private const string Actor = "演示数据";

    public async Task<(int Identified, int Eliminated, int Leads)> SeedAsync(string county, int seed, CancellationToken ct)
    {
        var rng = new Random(seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var households = await db.Households.Where(h => h.CountyCode == county && h.Status == HouseholdStatus.Exited)
            .OrderBy(h => h.Id).Select(h => new { h.Id, h.Size, h.LatestPerCapitaIncome }).ToListAsync(ct);
        var registeredPeople = households.Sum(h => h.Size);
        var target = (int)Math.Round(registeredPeople * 0.036);
        // Households near or under the line now are the ones still monitored; the rest were identified in earlier years.
        var low = households.Where(h => h.LatestPerCapitaIncome <= 6600).Select(h => h.Id).ToHashSet();
        var picked = new List<(long Id, int Size, bool Current)>();
        foreach (var h in households.Where(h => low.Contains(h.Id)).Take(25)) picked.Add((h.Id, h.Size, true));
        var others = households.Where(h => !low.Contains(h.Id)).OrderBy(_ => rng.Next()).ToList();
        foreach (var h in others)
        {
            if (picked.Sum(p => p.Size) >= target) break;
            picked.Add((h.Id, h.Size, false));
        }

        var eliminated = 0;
        var map = await db.Households.Include(h => h.Members).Where(h => picked.Select(p => p.Id).Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
        foreach (var (id, _, current) in picked)
        {
            var h = map[id];
            var kind = h.IsDibao || h.IsTekun ? MonitoringKind.UnstableExited : rng.Next(10) < 7 ? MonitoringKind.UnstableExited : MonitoringKind.SevereHardship;
            if (current) kind = MonitoringKind.UnstableExited;
            PovertyCause[] risks = kind == MonitoringKind.SevereHardship
                ? [rng.Next(2) == 0 ? PovertyCause.Illness : PovertyCause.Accident]
                : [h.MainCause is { } main and <= PovertyCause.Other ? main : PovertyCause.Illness, rng.Next(3) == 0 ? PovertyCause.UnstableEmployment : PovertyCause.LackOfSkills];
            var leadAt = current ? now.AddDays(-rng.Next(200, 700)) : new DateTime(2021 + rng.Next(3), 1 + rng.Next(12), 1 + rng.Next(28), 2, 0, 0, DateTimeKind.Utc);
            var c = MonitoringCase.Open(h.Id, h.VillageCode, HouseholdStatus.Exited, leadAt, leadAt, Actor);
            var lead = RiskLead.Raise(h.Id, h.VillageCode, (LeadSource)(1 + rng.Next(3)), null, "收入下降、刚性支出增加，存在返贫风险（演示数据）", leadAt, Actor);
            var t = leadAt;
            DateTime Next(int days) => t = t.AddDays(days);
            c.Record(CaseStep.Visit, CaseStage.Consent, new { }, "入户核查：家庭收入明显下降，存在返贫风险", Next(2), Actor);
            c.Record(CaseStep.Consent, CaseStage.Comparison, new { }, "承诺授权：户主签署承诺书和信息查询授权书", Next(1), Actor);
            c.Record(CaseStep.Comparison, CaseStage.Appraisal, new { }, "信息比对：无财政供养、车辆、商品房、工商注册等情况", Next(2), Actor);
            c.Propose(kind, risks);
            c.Record(CaseStep.Appraisal, CaseStage.Publicity, new { }, "民主评议：同意纳入监测", Next(1), Actor);
            c.Record(CaseStep.Publicity, CaseStage.TownshipReview, new { }, "村级公示5天，无异议", Next(5), Actor);
            c.Record(CaseStep.TownshipReview, CaseStage.CountyDecision, new { }, "乡镇审核：同意", Next(1), Actor);
            var decided = Next(1 + rng.Next(2));
            c.Include(kind, risks, DateOnly.FromDateTime(decided), decided);
            c.Record(CaseStep.CountyDecision, CaseStage.Monitoring, new { }, "县级审定：纳入监测", decided, Actor);
            c.SetPlan(Surname(h.HeadName) == "王" ? "李明" : "王芳", "一户一策：落实产业、就业和健康帮扶，按月走访跟踪收入变化", decided, Actor);
            db.MonitoringCases.Add(c);
            lead.AttachTo(c);
            lead.Close(included: true);
            db.RiskLeads.Add(lead);
            await db.SaveChangesAsync(ct);
            foreach (var risk in risks)
                db.AssistanceMeasures.Add(new AssistanceMeasure
                {
                    CaseId = c.Id, HouseholdId = h.Id, VillageCode = h.VillageCode, RiskType = risk,
                    Category = risk switch
                    {
                        PovertyCause.Illness or PovertyCause.Accident => MeasureCategory.Health,
                        PovertyCause.UnstableEmployment or PovertyCause.LackOfSkills => MeasureCategory.Employment,
                        PovertyCause.Schooling => MeasureCategory.Education,
                        _ => MeasureCategory.Industry,
                    },
                    Description = risk is PovertyCause.Illness or PovertyCause.Accident ? "落实医疗救助和大病保险报销，签约家庭医生" : "推荐就近就业，提供技能培训",
                    StartDate = DateOnly.FromDateTime(decided), Amount = 1000 * (1 + rng.Next(8)), Status = current ? MeasureStatus.InProgress : MeasureStatus.Done,
                    Evidence = current ? null : "发放记录已归档", UpdatedAt = decided, UpdatedBy = Actor,
                });
            if (!current)
            {
                t = decided.AddDays(190 + rng.Next(360));
                if (t > now) t = now.AddDays(-30);
                c.Record(CaseStep.StartElimination, CaseStage.EliminationAppraisal, new { }, "启动风险消除：各项条件均已满足", t, Actor);
                c.Record(CaseStep.EliminationAppraisal, CaseStage.EliminationPublicity, new { }, "民主评议：同意风险消除", Next(2), Actor);
                c.Record(CaseStep.EliminationPublicity, CaseStage.EliminationTownship, new { }, "村级公示5天，无异议", Next(5), Actor);
                c.Record(CaseStep.EliminationTownship, CaseStage.EliminationCounty, new { }, "乡镇审核：同意", Next(1), Actor);
                c.Record(CaseStep.EliminationCounty, CaseStage.Eliminated, new { }, "县级审定：同意风险消除", Next(2), Actor);
                c.MarkEliminated(t);
                eliminated++;
            }
            else
            {
                h.ChangeStatus(HouseholdStatus.Monitored, decided, Actor);
            }
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
        var ids = await db.Households.Where(h => h.CountyCode == county).Select(h => h.Id).ToListAsync(ct);
        var leads = 0;
        foreach (var batch in ids.Chunk(500)) { leads += await sweep.SweepAsync(batch, ct); db.ChangeTracker.Clear(); }
        return (picked.Count, eliminated, leads);
    }

    public sealed record VillageWork(int Problems, int Leads, long CaseId);

    /// <summary>
    /// Work where the demo's village account sits (<paramref name="village"/>, the first households by 户编号: the demo
    /// cadre's): problems found on visits (饮水安全, 住房安全) waiting to be assigned, risk leads from the cadres' checks, and
    /// one household whose identification is under way (入户核查 done, 承诺授权 due), so that the village, township and
    /// cadre accounts open onto things to do. Deterministic; run once, after the sweeps.
    /// </summary>
    public async Task<VillageWork> PutWorkInAsync(string village, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var active = db.MonitoringCases.Where(c => c.Stage != CaseStage.NotIncluded && c.Stage != CaseStage.Eliminated).Select(c => c.HouseholdId);
        var households = await db.Households.Where(h => h.VillageCode == village && !active.Contains(h.Id)
                && (h.Status == HouseholdStatus.Exited || h.Status == HouseholdStatus.Ordinary))
            .OrderBy(h => h.HouseholdNumber).Take(5).ToListAsync(ct);
        if (households.Count < 5) throw new InvalidOperationException($"演示村 {village} 的农户不足，无法安排演示工作");
        var found = now.AddDays(-9);
        db.Problems.Add(Problem.Open(households[0].Id, village, Dimension.Water, ProblemSource.Visit,
            Severity.Normal, "入户走访发现：旱季自来水时常停供，今年累计停水约40天，需改造入户管网", found, Actor));
        db.Problems.Add(Problem.Open(households[1].Id, village, Dimension.Housing, ProblemSource.Visit,
            Severity.Urgent, "入户走访发现：厨房山墙出现贯通裂缝，需鉴定住房安全等级", found.AddDays(2), Actor));
        db.RiskLeads.Add(RiskLead.Raise(households[2].Id, village, LeadSource.CadreCheck, null,
            "基层干部排查：户主在外务工受伤返乡，家庭收入明显下降", now.AddDays(-3), Actor));
        db.RiskLeads.Add(RiskLead.Raise(households[3].Id, village, LeadSource.SelfReport, null,
            "农户自主申报：家人患慢性病长期服药，医疗支出大幅增加", now.AddDays(-2), Actor));
        // Under way: the lead taken up six days ago, the household visited, the signed 承诺书 still to come.
        var h = households[4];
        var leadAt = now.AddDays(-6);
        var lead = RiskLead.Raise(h.Id, village, LeadSource.CadreCheck, null, "基层干部排查：家庭成员突发重病住院，自付医疗费用较高", leadAt, Actor);
        var c = MonitoringCase.Open(h.Id, village, h.Status, leadAt, leadAt, Actor);
        db.MonitoringCases.Add(c);
        db.RiskLeads.Add(lead);
        await db.SaveChangesAsync(ct);
        lead.AttachTo(c);
        var visited = now.AddDays(-4);
        c.RecordVisit(DateOnly.FromDateTime(Platform.Localization.ChinaTime.ToLocal(visited)),
            "家庭成员住院治疗，自付费用约3.2万元，家庭收入难以承担，存在返贫风险", visited, Actor);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new(2, 3, c.Id);
    }

    private static string Surname(string name) => name.Length > 0 ? name[..1] : "";
}

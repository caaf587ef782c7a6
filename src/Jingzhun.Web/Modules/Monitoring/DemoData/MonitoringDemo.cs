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

    private static string Surname(string name) => name.Length > 0 ? name[..1] : "";
}

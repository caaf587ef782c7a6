using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment.ManageLoans;

/// <summary>
/// A 小额信贷 loan is one of the monitoring plan's 金融帮扶 measures, linked and never typed twice (issue 13): a loan of a
/// household under monitoring (纳入监测, before 风险消除) that was running when its risk was found, or was issued since, is a
/// measure of the household's case. The loan's ledger adds it when the loan is registered or repaid, and the nightly
/// 就业与小额信贷预警 adds those of cases opened since; the measure follows the loan (dates, amount; 已落实 when it is repaid).
/// </summary>
public static class LoanMeasures
{
    /// <summary>Links the loans of these households to their open cases; returns how many measures were added or changed.</summary>
    public static async Task<int> LinkAsync(AppDbContext db, IReadOnlyCollection<long> householdIds, DateTime now, string by, CancellationToken ct)
    {
        var ids = householdIds.ToArray();
        var cases = await db.MonitoringCases.AsNoTracking()
            .Where(c => EF.Parameter(ids).Contains(c.HouseholdId) && MonitoringCase.MonitoredStages.Contains(c.Stage))
            .Select(c => new { c.Id, c.HouseholdId, c.VillageCode, c.LeadAt }).ToListAsync(ct);
        if (cases.Count == 0) return 0;
        var households = cases.Select(c => c.HouseholdId).Distinct().ToArray();
        var caseIds = cases.Select(c => c.Id).ToArray();
        var loans = await db.Microloans.AsNoTracking().Include(l => l.Repayments)
            .Where(l => EF.Parameter(households).Contains(l.HouseholdId)).ToListAsync(ct);
        var linked = await db.AssistanceMeasures
            .Where(m => EF.Parameter(caseIds).Contains(m.CaseId) && m.SourceKind == MeasureSources.Microloan).ToListAsync(ct);
        var changed = 0;
        foreach (var c in cases)
        {
            var found = DateOnly.FromDateTime(Platform.Localization.ChinaTime.ToLocal(c.LeadAt));
            foreach (var loan in loans.Where(l => l.HouseholdId == c.HouseholdId))
            {
                var m = linked.FirstOrDefault(x => x.CaseId == c.Id && x.SourceId == loan.Id);
                if (m is null)
                {
                    // Settled before the risk was found: that loan helped before this case, not in it.
                    if (loan.Status == LoanStatus.Repaid && loan.Repayments.Select(r => r.PaidOn).DefaultIfEmpty(loan.DueOn).Max() < found) continue;
                    db.AssistanceMeasures.Add(m = new AssistanceMeasure
                    {
                        CaseId = c.Id, HouseholdId = c.HouseholdId, VillageCode = c.VillageCode, Category = MeasureCategory.Finance,
                        SourceKind = MeasureSources.Microloan, SourceId = loan.Id,
                    });
                }
                if (Follow(m, loan)) { m.Stamp(now, by); changed++; }
            }
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>The measure as the loan stands; whether anything changed.</summary>
    private static bool Follow(AssistanceMeasure m, Microloan loan)
    {
        var description = $"脱贫人口小额信贷：{loan.Bank} 借款合同{loan.ContractNumber}，{EmploymentPages.Money(loan.Amount)}元（{Platform.Localization.Labels.Of(loan.Use)}）";
        var status = loan.Status == LoanStatus.Repaid ? MeasureStatus.Done : MeasureStatus.InProgress;
        var evidence = loan.Status == LoanStatus.Repaid ? $"小额信贷台账：已结清，借款合同{loan.ContractNumber}" : $"小额信贷台账：借款合同{loan.ContractNumber}";
        if (m.Id != 0 && m.Description == description && m.StartDate == loan.IssuedOn && m.EndDate == loan.DueOn && m.Amount == loan.Amount
            && m.Status == status && m.Evidence == evidence) return false;
        (m.Description, m.StartDate, m.EndDate, m.Amount, m.Status, m.Evidence) = (description, loan.IssuedOn, loan.DueOn, loan.Amount, status, evidence);
        return true;
    }
}

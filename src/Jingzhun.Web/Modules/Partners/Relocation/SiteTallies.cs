using Jingzhun.Web.Modules.Partners.Relocation.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>
/// The figures of a site (or a sum of sites): relocated households and people from the registry, labour (普通、技能、弱或半
/// 劳动力) and of them those at work (务工状况, which the employment records keep), 有劳动力的零就业户, households that
/// received 到户产业发展资金 (up to the year), and the year's industry funds and 生活 subsidies.
/// </summary>
public sealed record SiteTally(int Households, int People, int Labour, int Employed, int ZeroEmploymentHouseholds, int IndustryHouseholds,
    decimal IndustryFunds, decimal Subsidies)
{
    public static readonly SiteTally Zero = new(0, 0, 0, 0, 0, 0, 0m, 0m);

    /// <summary>就业率 unrounded (null without labour); round for display only.</summary>
    public decimal? EmploymentRate => RelocationRules.Rate(Employed, Labour);

    public SiteTally Add(SiteTally o) => new(Households + o.Households, People + o.People, Labour + o.Labour, Employed + o.Employed,
        ZeroEmploymentHouseholds + o.ZeroEmploymentHouseholds, IndustryHouseholds + o.IndustryHouseholds, IndustryFunds + o.IndustryFunds, Subsidies + o.Subsidies);
}

public static class SiteTallies
{
    /// <summary>
    /// The figures of the given sites (ids the reader's scope already showed). The counts cross the scope on purpose: a site
    /// counts all its households, who may be registered in other townships; only numbers leave the queries.
    /// </summary>
    public static async Task<Dictionary<long, SiteTally>> OfAsync(AppDbContext db, long[] siteIds, int year, CancellationToken ct)
    {
        if (siteIds.Length == 0) return [];
        const string why = "figures of sites already in the reader's scope; numbers only, no names";
        var linked = db.RelocatedHouseholds.AsNoTracking().AcrossScopes(why).Where(r => EF.Parameter(siteIds).Contains(r.SiteId));
        var households = await linked.GroupBy(r => r.SiteId).Select(g => new { Site = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Site, x => x.N, ct);
        var people = await (from r in linked
                            join m in db.Members.AsNoTracking() on r.HouseholdId equals m.HouseholdId
                            where m.Status == MemberStatus.Active
                            select new
                            {
                                r.SiteId, r.HouseholdId,
                                Labour = m.LaborSkill == LaborSkill.Ordinary || m.LaborSkill == LaborSkill.Skilled || m.LaborSkill == LaborSkill.Weak,
                                Working = m.WorkStatus != WorkStatus.None,
                            } into x
                            group x by x.SiteId into g
                            select new
                            {
                                Site = g.Key,
                                People = g.Count(),
                                Labour = g.Count(x => x.Labour),
                                Employed = g.Count(x => x.Labour && x.Working),
                                LabourHouseholds = g.Where(x => x.Labour).Select(x => x.HouseholdId).Distinct().Count(),
                                WorkingHouseholds = g.Where(x => x.Labour && x.Working).Select(x => x.HouseholdId).Distinct().Count(),
                            }).ToDictionaryAsync(x => x.Site, ct);
        var supports = await (from r in linked
                              from s in r.Supports
                              where s.Year <= year
                              group new { r.Id, s.Kind, s.Year, s.Amount } by r.SiteId into g
                              select new
                              {
                                  Site = g.Key,
                                  IndustryHouseholds = g.Where(x => x.Kind == SupportKind.IndustryFund).Select(x => x.Id).Distinct().Count(),
                                  IndustryFunds = g.Where(x => x.Kind == SupportKind.IndustryFund && x.Year == year).Sum(x => x.Amount),
                                  Subsidies = g.Where(x => x.Kind != SupportKind.IndustryFund && x.Year == year).Sum(x => x.Amount),
                              }).ToDictionaryAsync(x => x.Site, ct);
        var result = new Dictionary<long, SiteTally>(siteIds.Length);
        foreach (var id in siteIds)
        {
            var h = households.GetValueOrDefault(id);
            people.TryGetValue(id, out var p);
            supports.TryGetValue(id, out var s);
            result[id] = new SiteTally(h, p?.People ?? 0, p?.Labour ?? 0, p?.Employed ?? 0, (p?.LabourHouseholds ?? 0) - (p?.WorkingHouseholds ?? 0),
                s?.IndustryHouseholds ?? 0, s?.IndustryFunds ?? 0m, s?.Subsidies ?? 0m);
        }
        return result;
    }
}

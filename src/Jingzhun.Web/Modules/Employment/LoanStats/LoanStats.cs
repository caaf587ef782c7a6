using Jingzhun.Web.Modules.Employment.ManageLoans;
using Jingzhun.Web.Modules.Employment.Rules;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Employment.LoanStats;

/// <summary>The loan figures of a place (a region or a bank).</summary>
public sealed record LoanFigures(int EligibleHouseholds, int HouseholdsWithLoan, double? LoanRate, int OpenLoans, decimal Balance,
    int NewLoansThisYear, decimal NewAmountThisYear, int OverdueLoans, decimal OverdueBalance, double? OverdueRate);

public sealed record LoanRegionRow(string Code, string Name, LoanFigures Figures);

public sealed record LoanBankRow(string Bank, LoanFigures Figures);

public sealed record DueRow(int Days, int Loans, decimal Balance);

/// <summary>
/// 小额信贷 figures of a region: 获贷率 = households that ever had a loan ÷ eligible households (脱贫户 and 监测户 now);
/// balance of the loans not repaid; new loans issued this year (the seed's 4.03 亿); overdue loans, their balance and
/// the overdue rate (overdue balance ÷ balance); loans falling due in the next 30/60/90 days.
/// </summary>
public sealed record LoanStatsView(string RegionCode, string RegionName, DateTime AsOf, int Year, LoanFigures Total, IReadOnlyList<DueRow> Due,
    IReadOnlyList<LoanRegionRow> BySubRegion, IReadOnlyList<LoanBankRow> ByBank);

public sealed class LoanStatsHandler(AppDbContext db, ManageLoansHandler loans, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    private sealed record LoanFact(long HouseholdId, string VillageCode, string Bank, decimal Amount, decimal Repaid, DateOnly IssuedOn, DateOnly DueOn, LoanStatus Status);

    public async Task<Outcome<LoanStatsView>> HandleAsync(string? region, CancellationToken ct)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var today = ChinaTime.Today(clock);
        var facts = await db.Microloans.AsNoTracking().InRegion(code)
            .Select(l => new LoanFact(l.HouseholdId, l.VillageCode, l.Bank, l.Amount, l.RepaidPrincipal, l.IssuedOn, l.DueOn, l.Status)).ToListAsync(ct);
        // The eligible households (脱贫户, 监测户) counted per sub-region in the database; of the borrowing households, which
        // are eligible now (one lookup by key, not the region's households in memory).
        var children = regions.ChildrenOf(code);
        var childLength = children.Count > 0 ? children[0].Code.Length : code.Length;
        var eligibleHouseholds = db.Households.AsNoTracking().InRegion(code).Where(h => h.Status == HouseholdStatus.Exited || h.Status == HouseholdStatus.Monitored);
        var eligibleIn = await eligibleHouseholds.GroupBy(h => h.VillageCode.Substring(0, childLength))
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var borrowers = facts.Select(l => l.HouseholdId).Distinct().ToArray();
        var eligibleBorrowers = new HashSet<long>();
        foreach (var chunk in borrowers.Chunk(20_000))
            eligibleBorrowers.UnionWith(await eligibleHouseholds.Where(h => EF.Parameter(chunk).Contains(h.Id)).Select(h => h.Id).ToListAsync(ct));

        LoanFigures Figures(int? eligibleCount, IReadOnlyList<LoanFact> ls)
        {
            var withLoan = eligibleCount is null ? ls.Select(l => l.HouseholdId).Distinct().Count()
                : ls.Select(l => l.HouseholdId).Where(eligibleBorrowers.Contains).Distinct().Count();
            var eligible = eligibleCount ?? 0;
            var open = ls.Where(l => l.Status != LoanStatus.Repaid).ToList();
            var balance = open.Sum(l => l.Amount - l.Repaid);
            var overdue = open.Where(l => LoanRules.StatusOn(l.Status, l.DueOn, today) == LoanStatus.Overdue).ToList();
            var overdueBalance = overdue.Sum(l => l.Amount - l.Repaid);
            var fresh = ls.Where(l => l.IssuedOn.Year == today.Year).ToList();
            return new LoanFigures(eligible, withLoan, eligible == 0 ? null : Math.Round(100.0 * withLoan / eligible, 1), open.Count, balance,
                fresh.Count, fresh.Sum(l => l.Amount), overdue.Count, overdueBalance,
                balance == 0 ? null : Math.Round((double)(100 * overdueBalance / balance), 2));
        }

        var total = Figures(eligibleIn.Values.Sum(), facts);
        var due = new[] { 30, 60, 90 }.Select(d =>
        {
            var ls = facts.Where(l => l.Status != LoanStatus.Repaid && l.DueOn >= today && l.DueOn <= today.AddDays(d)).ToList();
            return new DueRow(d, ls.Count, ls.Sum(l => l.Amount - l.Repaid));
        }).ToList();
        var factsIn = facts.ToLookup(l => l.VillageCode[..Math.Min(childLength, l.VillageCode.Length)]);
        var bySub = children.Select(child => new LoanRegionRow(child.Code, child.Name, Figures(eligibleIn.GetValueOrDefault(child.Code), factsIn[child.Code].ToList())))
            .ToList();
        var byBank = facts.GroupBy(l => l.Bank).OrderByDescending(g => g.Count())
            .Select(g => new LoanBankRow(g.Key, Figures(null, g.ToList()))).ToList();
        return new LoanStatsView(code, regions.NameOf(code), clock.GetUtcNow().UtcDateTime, today.Year, total, due, bySub, byBank);
    }

    private static Dictionary<string, object?> Row(string label, string name, LoanFigures f) => new()
    {
        [label] = name, ["脱贫户和监测户"] = f.EligibleHouseholds, ["获贷户"] = f.HouseholdsWithLoan, ["获贷率%"] = f.LoanRate,
        ["在贷笔数"] = f.OpenLoans, ["贷款余额（元）"] = f.Balance, ["当年新增笔数"] = f.NewLoansThisYear, ["当年新增金额（元）"] = f.NewAmountThisYear,
        ["逾期笔数"] = f.OverdueLoans, ["逾期余额（元）"] = f.OverdueBalance, ["逾期率%"] = f.OverdueRate,
    };

    /// <summary>The figures and the overdue list (ID numbers masked) as one workbook.</summary>
    public async Task<Outcome<IResult>> ExcelAsync(string? region, CancellationToken ct)
    {
        var o = await HandleAsync(region, ct);
        if (!o.Succeeded) return o.Failure!;
        var s = o.Value!;
        var today = ChinaTime.Today(clock);
        var overdue = (await loans.Rows(db.Microloans.AsNoTracking().InRegion(s.RegionCode)
                .Where(l => l.Status != LoanStatus.Repaid && l.DueOn < today).OrderBy(l => l.DueOn).ThenBy(l => l.Id)).ToListAsync(ct))
            .Select(l => loans.Complete(l, today));
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["总体"] = [Row("地区", s.RegionName, s.Total)],
            ["按地区"] = s.BySubRegion.Select(r => (IDictionary<string, object?>)Row("地区", r.Name, r.Figures)),
            ["按银行"] = s.ByBank.Select(r => (IDictionary<string, object?>)Row("银行", r.Bank, r.Figures)),
            ["即将到期"] = s.Due.Select(d => (IDictionary<string, object?>)new Dictionary<string, object?>
                { ["到期时间"] = $"{d.Days}天内", ["笔数"] = d.Loans, ["余额（元）"] = d.Balance }),
            ["逾期名单"] = overdue.Select(l => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["地区"] = l.RegionPath, ["户编号"] = l.HouseholdNumber, ["户主"] = l.HeadName, ["借款人"] = l.BorrowerName,
                ["身份证号"] = l.BorrowerIdNumberMasked, ["银行"] = l.Bank, ["合同编号"] = l.ContractNumber, ["贷款金额（元）"] = l.Amount,
                ["余额（元）"] = l.Balance, ["放款日期"] = l.IssuedOn.ToString("yyyy-MM-dd"), ["到期日期"] = l.DueOn.ToString("yyyy-MM-dd"), ["逾期天数"] = l.OverdueDays,
            }),
        };
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(sheets, $"{s.RegionName}_小额信贷统计_{ChinaTime.Today(clock):yyyyMMdd}.xlsx", ct));
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/employment/loans/stats", async (string? region, LoanStatsHandler h, CancellationToken ct) => (await h.HandleAsync(region, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.MonitoringView)
            .WithName("LoanStats").WithSummary("小额信贷统计：获贷率、余额、当年新增、逾期、即将到期，按下级地区和银行").WithTags("就业与小额信贷");
        api.MapGet("/employment/loans/stats/export", async (string? region, LoanStatsHandler h, CancellationToken ct) => (await h.ExcelAsync(region, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.MonitoringView)
            .ProducesFile().WithName("ExportLoanStats").WithSummary("小额信贷统计与逾期名单 Excel（身份证号脱敏）").WithTags("就业与小额信贷");
    }
}

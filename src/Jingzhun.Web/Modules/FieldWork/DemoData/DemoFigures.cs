using System.Globalization;
using System.Text;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.DemoData;

/// <summary>
/// What the demo county holds once seeded: the figures the README quotes (DemoReadmeTests compares them with a fresh
/// demo database), printed at the first start after the seeds.
/// </summary>
public sealed record DemoFigures(int Townships, int Villages, int Households, int People, int OpenProblems, int IdentifiedHouseholds,
    int EliminatedHouseholds, int MonitoredHouseholds, int InProcedure, int OpenLeads, int Cadres, int Teams, int Visits, int Meetings)
{
    public static async Task<DemoFigures> OfAsync(AppDbContext db, RegionDirectory regions, string county, CancellationToken ct)
    {
        var townships = regions.ChildrenOf(county);
        var cases = db.MonitoringCases.Where(c => c.CountyCode == county);
        return new(townships.Count, townships.Sum(t => regions.ChildrenOf(t.Code).Count),
            await db.Households.CountAsync(h => h.CountyCode == county, ct),
            await db.Households.Where(h => h.CountyCode == county).SumAsync(h => h.Size, ct),
            await db.Problems.CountAsync(p => p.CountyCode == county && p.Status != ProblemStatus.Verified, ct),
            await cases.CountAsync(c => MonitoringCase.IdentifiedStages.Contains(c.Stage), ct),
            await cases.CountAsync(c => c.Stage == CaseStage.Eliminated, ct),
            await cases.CountAsync(c => MonitoringCase.MonitoredStages.Contains(c.Stage), ct),
            await cases.CountAsync(c => MonitoringCase.ProcedureStages.Contains(c.Stage), ct),
            await db.RiskLeads.CountAsync(l => l.CountyCode == county && l.Status == LeadStatus.Open, ct),
            await db.Cadres.CountAsync(c => c.RegionCode.StartsWith(county), ct),
            await db.WorkTeams.CountAsync(t => t.VillageCode.StartsWith(county), ct),
            await db.Visits.CountAsync(v => v.VillageCode.StartsWith(county), ct),
            await db.ReviewMeetings.CountAsync(m => m.TownshipCode.StartsWith(county), ct));
    }

    public string Describe()
    {
        static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
        return new StringBuilder().AppendLine()
            .AppendLine("== 演示区县 铜梁区 Demo county figures (README.md quotes them) ==")
            .AppendLine($"  乡镇 townships {N(Townships)}, 村 villages {N(Villages)}, 户 households {N(Households)}, 人 people {N(People)}")
            .AppendLine($"  两不愁三保障未清零问题 open problems {N(OpenProblems)}")
            .AppendLine($"  监测对象 identified for monitoring {N(IdentifiedHouseholds)} 户: 风险已消除 eliminated {N(EliminatedHouseholds)}, 监测帮扶中 monitored now {N(MonitoredHouseholds)}; 认定中 in the procedure {N(InProcedure)}")
            .AppendLine($"  待核查风险线索 open risk leads {N(OpenLeads)}")
            .AppendLine($"  帮扶干部 cadres {N(Cadres)}, 驻村工作队 teams {N(Teams)}, 走访 visits {N(Visits)}, 月研判会议 township meetings {N(Meetings)}")
            .ToString();
    }
}

/// <summary>Prints <see cref="DemoFigures"/> when this start seeded the demo county.</summary>
internal sealed class DemoFiguresSeed(DemoSeeder seeder, AppDbContext db, RegionDirectory regions) : IStartupSeed
{
    public int Order => 900;
    public bool DemoOnly => true;

    public async Task<string?> SeedAsync(CancellationToken ct) =>
        seeder.PopulationSeeded ? (await DemoFigures.OfAsync(db, regions, DemoSeeder.County, ct)).Describe() : null;
}

using System.Net;
using System.Net.Http.Json;
using Jingzhun.IntegrationTests.Infrastructure;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Guarantees.AssessHouseholds;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Monitoring.SweepRisks;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// Sweeps race with people. The household page's 两不愁三保障 panel judges a household that has no stored verdict yet
/// (after an import, before its sweep), while a sweep of the village may be writing the same household's verdicts and
/// problems; an income saved by a user re-sweeps the household for risks while the village's risk sweep raises the same
/// leads. Whoever writes first, every request answers 200 and the household ends with one verdict per dimension, one
/// open problem per failing dimension and one open lead per reason.
/// </summary>
public abstract class SweepRaceTests(TestApp app) : ApiTests(app)
{
    private const int Households = 6;
    private const int Rounds = 6;

    [DbFact]
    public async Task The_panel_answers_while_a_sweep_writes_the_same_households()
    {
        var places = await PlacesAsync();
        var village = places.OtherTownshipVillage;
        var admin = await As("admin");
        var ids = new List<long>();
        for (var i = 0; i < Households; i++)
        {
            var facts = Facts();
            facts["foodSecure"] = true;
            facts["clothingSecure"] = true;
            facts["housingGrade"] = "D";   // fails 住房安全: the rules open a problem
            ids.Add((await RegisterAsync(admin, village, facts)).Id);
        }
        var page = await SignInAsync("admin");

        for (var round = 0; round < Rounds; round++)
        {
            await ForgetVerdictsAsync(ids);
            var sweep = Task.Run(() => SweepAsync(village));
            var panels = ids.SelectMany(id => new[]
            {
                page.GetAsync($"/households/{id}/panels/guarantees"),
                admin.GetAsync($"/api/v1/households/{id}/guarantees"),
                page.GetAsync($"/households/{id}/panels/guarantees"),
            }).ToList();
            foreach (var r in await Task.WhenAll(panels))
                Assert.True(r.StatusCode == HttpStatusCode.OK,
                    $"round {round}: GET {r.RequestMessage?.RequestUri} answered {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            await sweep;

            foreach (var id in ids)
            {
                var dims = (await GetAsync(admin, $"/api/v1/households/{id}/guarantees"))["dimensions"]!.AsArray();
                Assert.Equal(6, dims.Count);
                var open = (await GetAsync(admin, $"/api/v1/problems?householdId={id}&pageSize=50"))["items"]!.AsArray()
                    .Where(p => p!["status"]!.GetValue<string>() != "Verified").ToList();
                Assert.Equal("Housing", Assert.Single(open)!["dimension"]!.GetValue<string>());
            }
        }
    }

    /// <summary>The state after an import, before its sweep: no verdicts and no rule problems for these households.</summary>
    private async Task ForgetVerdictsAsync(IReadOnlyList<long> ids)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Problem events go with their problem (cascade).
        await db.Set<HouseholdAssessment>().Where(a => ids.Contains(a.HouseholdId)).ExecuteDeleteAsync();
        await db.Set<Problem>().Where(p => ids.Contains(p.HouseholdId)).ExecuteDeleteAsync();
    }

    [DbFact]
    public async Task Saving_incomes_answers_while_the_risk_sweep_raises_the_same_leads()
    {
        var places = await PlacesAsync();
        var village = places.OtherTownshipVillage;
        var admin = await As("admin");
        var year = DateTime.UtcNow.AddHours(8).Year - 1;
        var ids = new List<long>();
        for (var i = 0; i < Households; i++)
        {
            var facts = Facts();
            facts["foodSecure"] = true;
            facts["clothingSecure"] = true;
            facts["housingGrade"] = "A";   // no guarantee problem: the income is the one reason
            ids.Add((await RegisterAsync(admin, village, facts)).Id);
        }

        for (var round = 0; round < Rounds; round++)
        {
            using (var scope = App.Services.CreateScope())
                await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<RiskLead>().Where(l => ids.Contains(l.HouseholdId)).ExecuteDeleteAsync();
            var versions = new Dictionary<long, int?>();
            foreach (var id in ids)
            {
                var current = await admin.GetAsync($"/api/v1/households/{id}/incomes/{year}");
                versions[id] = current.IsSuccessStatusCode ? (await Ok(current))["version"]!.GetValue<int>() : null;
            }
            // 5,000 yuan a head: below the monitoring range, a lead "收入低于监测范围" for each household.
            var sweep = Task.Run(() => SweepAsync(village, SweepRisksJob.JobKind));
            var saves = ids.Select(id => admin.PutAsJsonAsync($"/api/v1/households/{id}/incomes/{year}",
                new { wageIncome = 5000m, householdSize = 1, version = versions[id] })).ToList();
            foreach (var r in await Task.WhenAll(saves))
                Assert.True(r.StatusCode == HttpStatusCode.OK,
                    $"round {round}: PUT {r.RequestMessage?.RequestUri} answered {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            await sweep;

            foreach (var id in ids)
            {
                var leads = (await GetAsync(admin, $"/api/v1/monitoring/leads?householdId={id}&pageSize=50"))["items"]!.AsArray();
                var open = leads.Where(l => l!["status"]!.GetValue<string>() == "Open").ToList();
                Assert.Single(open);
            }
        }
    }

    /// <summary>Runs the village's sweep as the job runner does (its own scope, system context); it must not fail either.</summary>
    private async Task SweepAsync(string village, string kind = SweepGuaranteesJob.JobKind)
    {
        using var scope = App.Services.CreateScope();
        var job = scope.ServiceProvider.GetServices<IJobHandler>().Single(h => h.Kind == kind);
        await job.RunAsync(new Job { Kind = kind, RegionCode = village }, new NoProgress(), CancellationToken.None);
    }

    private sealed class NoProgress : IJobProgress
    {
        public Task ReportAsync(int done, int total, string? message, CancellationToken ct) => Task.CompletedTask;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSweepRaceTests(SqliteApp app) : SweepRaceTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSweepRaceTests(PostgresApp app) : SweepRaceTests(app);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Jingzhun.IntegrationTests;

public abstract partial class ExitApiTests
{
    /// <summary>A village no other test uses: the last village of the county's third-to-last township.</summary>
    private async Task<string> YearEndVillageAsync()
    {
        var admin = await As("admin");
        var townships = (await GetAsync(admin, $"/api/v1/regions/{County}/children")).AsArray()
            .Where(x => x!["hasChildren"]!.GetValue<bool>()).Select(x => x!["code"]!.GetValue<string>()).ToList();
        return (await GetAsync(admin, $"/api/v1/regions/{townships[^3]}/children")).AsArray().Select(x => x!["code"]!.GetValue<string>()).Last();
    }

    [DbFact]
    public async Task Village_exit_counts_the_poor_of_the_year_evaluated_from_its_freeze_or_else_from_the_registry_years()
    {
        var admin = await As("tl_admin");
        var village = await YearEndVillageAsync();
        var thisYear = ChinaToday.Year;
        async Task<(int Poor, string Basis)> PoorAsync(int year)
        {
            var row = (await GetAsync(admin, $"/api/v1/exit/villages?region={village}&year={year}")).AsArray().Single()!;
            return (row["poorPeople"]!.GetValue<int>(), row["poorBasis"]!.GetValue<string>());
        }

        // A: 未脱贫 since 2014; B: identified in 2016, 脱贫 two years ago.
        var a = await RegisterAsync(admin, village, PoorFacts(f => f["identifiedYear"] = 2014));
        await RegisterAsync(admin, village, PoorFacts(f =>
        {
            f["status"] = "Exited"; f["attribute"] = "GeneralExited"; f["identifiedYear"] = 2016; f["exitYear"] = thisYear - 2;
        }));
        Assert.Equal((1, $"按识别年度、脱贫年度推算至2015年底"), await PoorAsync(2015));
        Assert.Equal(2, (await PoorAsync(thisYear - 3)).Poor);
        Assert.Equal(1, (await PoorAsync(thisYear - 2)).Poor);

        // Last year is frozen; then A exits this year and C (two people, identified in 2020) is registered.
        await Ok(await admin.PostAsJsonAsync("/api/v1/snapshots", new { region = village, year = thisYear - 1, label = "年度数据冻结" }), HttpStatusCode.Created);
        var version = (await GetAsync(admin, $"/api/v1/households/{a.Id}"))["version"]!.GetValue<int>();
        await Ok(await admin.PutAsJsonAsync($"/api/v1/households/{a.Id}", new
        {
            household = PoorFacts(f => { f["status"] = "Exited"; f["attribute"] = "GeneralExited"; f["identifiedYear"] = 2014; f["exitYear"] = thisYear; }),
            version,
        }));
        var c = await RegisterAsync(admin, village, PoorFacts(f => f["identifiedYear"] = 2020));
        await Ok(await admin.PostAsJsonAsync($"/api/v1/households/{c.Id}/members", new { member = Person(NewName(), NewIdNumber(), "Spouse") }),
            HttpStatusCode.Created);

        // Last year: the freeze's A (today's status would give C's 2, the registry years A and C's 3).
        var (poor, basis) = await PoorAsync(thisYear - 1);
        Assert.Equal(1, poor);
        Assert.Contains("年度数据冻结", basis, StringComparison.Ordinal);
        // This year, not frozen: A exited this year, C is poor.
        Assert.Equal((2, $"按识别年度、脱贫年度推算至{thisYear}年底"), await PoorAsync(thisYear));

        // The page shows where the figure comes from.
        var page = await SignInAsync("tl_admin");
        var html = await GetTextAsync(page, $"/exit?tab=villages&region={village}&year={thisYear - 1}");
        Assert.Matches($"data-village=\"{village}\"[\\s\\S]*?<td class=\"g-num\" title=\"[^\"]*年度数据冻结\">1<br", html);
    }
}

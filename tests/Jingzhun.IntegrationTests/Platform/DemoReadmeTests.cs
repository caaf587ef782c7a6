using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jingzhun.IntegrationTests.Infrastructure;

namespace Jingzhun.IntegrationTests;

/// <summary>
/// The demo a new user starts on (a fresh database with Demo:Seed on): the README's figures are the seeder's own, the
/// accounts sit where the README says, and the township, village and cadre accounts open onto work: open problems,
/// risk leads and a case under way in their village, and a cadre paired with 5–10 households of that one village.
/// </summary>
public abstract partial class DemoReadmeTests(TestApp app) : ApiTests(app)
{
    [DbFact]
    public async Task The_README_s_demo_figures_are_those_of_a_fresh_demo_database()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "README.md"));
        var admin = await As("tl_admin");
        var dashboard = await GetAsync(admin, $"/api/v1/dashboard?region={County}");
        var stats = await GetAsync(admin, $"/api/v1/monitoring/stats?region={County}");
        var townships = (await GetAsync(admin, $"/api/v1/regions/{County}/children")).AsArray();
        var villages = 0;
        foreach (var t in townships) villages += (await GetAsync(admin, $"/api/v1/regions/{t!["code"]}/children")).AsArray().Count;
        async Task<int> Total(string url) => (await GetAsync(admin, url))["total"]!.GetValue<int>();

        var place = Match(readme, @"(\d+) townships, (\d+) villages, ([\d,]+) households, ([\d,]+) people");
        Assert.Equal(townships.Count, place[0]);
        Assert.Equal(villages, place[1]);
        Assert.Equal(dashboard["households"]!.GetValue<int>(), place[2]);
        Assert.Equal(dashboard["people"]!.GetValue<int>(), place[3]);

        var work = Match(readme, @"about ([\d,]+) visits by ([\d,]+) cadres and (\d+) 驻村工作队");
        About(await Total($"/api/v1/visits?region={County}&pageSize=1"), work[0], "visits");
        Assert.Equal(await Total($"/api/v1/cadres?region={County}&pageSize=1"), work[1]);
        Assert.Equal((await GetAsync(admin, $"/api/v1/work-teams?region={County}")).AsArray().Count, work[2]);

        var start = Match(readme, @"starts with about (\d+) open 两不愁三保障 problems, (\d+) households identified for monitoring since 2021\s+" +
            @"\(3\.6% of registered people; (\d+) with the risk eliminated, (\d+) monitored now\), (\d+) households? in the identification\s+" +
            @"procedure and about (\d+) open risk leads");
        About(dashboard["openProblems"]!.GetValue<int>(), start[0], "open problems");
        Assert.Equal(stats["identifiedHouseholds"]!.GetValue<int>(), start[1]);
        Assert.Equal(stats["eliminatedHouseholds"]!.GetValue<int>(), start[2]);
        Assert.Equal(stats["monitoredHouseholds"]!.GetValue<int>(), start[3]);
        Assert.Equal(dashboard["monitoredHouseholds"]!.GetValue<int>(), start[3]);
        Assert.Equal(stats["inProcedure"]!.GetValue<int>(), start[4]);
        About(stats["openLeads"]!.GetValue<int>(), start[5], "open risk leads");
    }

    [DbFact]
    public async Task The_demo_accounts_sit_where_the_README_says()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "README.md"));
        foreach (var user in new[] { "admin", "tl_admin", "tuqiao", "village", "cadre", "auditor" })
        {
            var row = Regex.Match(readme, $@"^\| `{user}` \|[^|]*\|([^|]*)\|", RegexOptions.Multiline);
            Assert.True(row.Success, $"README has no row for {user}");
            var code = Regex.Match(row.Groups[1].Value, @"\d{6,12}").Value;
            var me = await GetAsync(await As(user), "/api/v1/auth/me");
            Assert.Equal(me["regionCode"]!.GetValue<string>(), code);
        }
    }

    [DbFact]
    public async Task The_township_village_and_cadre_accounts_open_onto_work_in_their_village()
    {
        var village = await As("village");
        var home = (await GetAsync(village, "/api/v1/auth/me"))["regionCode"]!.GetValue<string>();
        Assert.Equal(12, home.Length);
        Assert.StartsWith(Township, home, StringComparison.Ordinal);
        Assert.Equal(home, (await GetAsync(await As("cadre"), "/api/v1/auth/me"))["regionCode"]!.GetValue<string>());

        foreach (var user in new[] { "tuqiao", "village", "cadre" })
        {
            var c = await As(user);
            var problems = Items(await GetAsync(c, $"/api/v1/problems?region={home}&status=Pending&pageSize=100"));
            var leads = Items(await GetAsync(c, $"/api/v1/monitoring/leads?region={home}&status=Open&pageSize=100"));
            var cases = Items(await GetAsync(c, $"/api/v1/monitoring/cases?region={home}&pageSize=100"));
            Assert.True(problems.Count >= 2, $"{user}: {problems.Count} problems waiting to be assigned in {home}");
            Assert.True(leads.Count >= 2, $"{user}: {leads.Count} open risk leads in {home}");
            Assert.Contains(cases, x => x["stage"]!.GetValue<string>() is "Visit" or "Consent" or "Comparison" or "Appraisal");
            Assert.All(problems.Concat(leads).Concat(cases), x => Assert.Equal(home, x["villageCode"]!.GetValue<string>()));
        }

        // The cadre's caseload: 5–10 households, all in the one village, among them those with the work.
        var cadre = await As("cadre");
        var households = Items(await GetAsync(cadre, "/api/v1/households?pageSize=100"));
        Assert.InRange(households.Count, 5, 10);
        Assert.All(households, h => Assert.Equal(home, h["villageCode"]!.GetValue<string>()));
        var todo = await cadre.GetAsync("/api/v1/sync/todo");
        Assert.True(todo.IsSuccessStatusCode, $"the cadre's to-do list answers {(int)todo.StatusCode}");
        Assert.Contains(home, await todo.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static List<JsonNode> Items(JsonNode page) => page["items"]!.AsArray().Select(x => x!).ToList();

    /// <summary>The numbers of the README's sentence matched by <paramref name="pattern"/> (which must be found).</summary>
    private static int[] Match(string readme, string pattern)
    {
        var m = Regex.Match(readme, pattern);
        Assert.True(m.Success, $"README.md no longer says /{pattern}/");
        return m.Groups.Values.Skip(1).Select(g => int.Parse(g.Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>An "about" figure of the README: within a tenth of the database's (it moves a little with the date of the seed).</summary>
    private static void About(int actual, int quoted, string what) =>
        Assert.True(Math.Abs(actual - quoted) <= Math.Max(2, actual / 10), $"README says about {quoted} {what}, a fresh demo database has {actual}");

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Jingzhun.slnx"))) return d.FullName;
        throw new InvalidOperationException("Jingzhun.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>An app on a fresh database with the demo county seeded, as the README's first start.</summary>
public class DemoSqliteApp : SqliteApp
{
    protected override bool DemoSeed => true;
}

/// <summary>The same on PostgreSQL.</summary>
public class DemoPostgresApp : PostgresApp
{
    protected override bool DemoSeed => true;
}

[CollectionDefinition(Name)]
public sealed class DemoSqliteCollection : ICollectionFixture<DemoSqliteApp>
{
    public const string Name = "Demo SQLite";
}

[CollectionDefinition(Name)]
public sealed class DemoPostgresCollection : ICollectionFixture<DemoPostgresApp>
{
    public const string Name = "Demo PostgreSQL";
}

[Collection(DemoSqliteCollection.Name)]
public sealed class SqliteDemoReadmeTests(DemoSqliteApp app) : DemoReadmeTests(app);

[Collection(DemoPostgresCollection.Name)]
public sealed class PostgresDemoReadmeTests(DemoPostgresApp app) : DemoReadmeTests(app);

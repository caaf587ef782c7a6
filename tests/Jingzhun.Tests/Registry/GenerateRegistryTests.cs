using System.Text;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Modules.Registry.Transfer;
using Jingzhun.Web.Modules.Registry.Validation;

namespace Jingzhun.Tests.Registry;

/// <summary>The province-size profiles and the registry file the <c>generate</c> verb writes.</summary>
public sealed class GenerateRegistryTests
{
    private const int Seed = 7;
    private static readonly DateOnly AsOf = new(2026, 6, 30);

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);
    }

    // 2,000 villages over 40 counties of several provinces, like a slice of the whole-country file.
    private static readonly IReadOnlyList<string> Villages =
        [.. Enumerable.Range(0, 2000).Select(i => $"{11 + i % 20:00}01{i % 40 + 1:00}{i / 40 % 50 + 1:000}{i / 2000 + 1:000}")];

    private static readonly Lazy<List<GeneratedHousehold>> Sample =
        new(() => [.. PopulationGenerator.Generate(PopulationGenerator.NationalSample(Villages, 30_000, 2025, AsOf), Seed)]);

    private static string Csv(PopulationProfile profile, int seed)
    {
        using var stream = new MemoryStream();
        GenerateRegistry.Write(profile, seed, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Chongqing_profile_has_the_province_totals_and_tongliangs_shares()
    {
        var villages = GenerateRegistry.ShippedVillages("50");
        var p = PopulationGenerator.Chongqing(villages, 2025, AsOf);
        Assert.Equal(11_270, villages.Count);                        // every shipped Chongqing village
        Assert.All(villages, v => Assert.StartsWith("50", v));
        Assert.Equal(1_906_000, p.People);                           // seed 000: 190.6万 registered people
        Assert.Equal(650_000, p.Households);
        Assert.Equal(1215.0 / 4448, p.DibaoHouseholds / (double)p.Households, 4);
        Assert.Equal(2683.0 / 12571, p.DibaoPeople / (double)p.People, 4);
        Assert.Equal(171.0 / 12571, p.TekunPeople / (double)p.People, 4);
    }

    [Fact]
    public void National_sample_totals_are_exact_and_proportions_within_tolerance()
    {
        var households = Sample.Value;
        var members = households.SelectMany(h => h.Members).ToList();
        Assert.Equal(30_000, members.Count);
        Assert.InRange(members.Count / (double)households.Count, 2.80, 2.85);
        Assert.InRange(households.Count(h => h.Facts.IsDibao) / (double)households.Count, 0.26, 0.28);
        Assert.InRange(members.Count(m => m.ReceivesDibao) / (double)members.Count, 0.20, 0.22);
        Assert.InRange(members.Count(m => m.ReceivesTekun) / (double)members.Count, 0.012, 0.015);
        Assert.All(households, h => Assert.Contains(h.VillageCode, Villages));
        // Spread over the country, not piled into the first villages.
        Assert.True(households.Select(h => h.VillageCode[..2]).Distinct().Count() == 20);
        Assert.Equal(members.Count, members.Select(m => m.IdNumber).Distinct().Count());
    }

    [Fact]
    public void The_file_is_deterministic_by_seed()
    {
        var profile = PopulationGenerator.NationalSample(Villages, 3_000, 2025, AsOf);
        var first = Csv(profile, Seed);
        Assert.Equal(first, Csv(profile, Seed));
        Assert.NotEqual(first, Csv(profile, Seed + 1));
        var lines = first.TrimEnd().Split('\n');
        Assert.Equal(string.Join(",", RegistryColumns.Headers), lines[0].TrimStart('\uFEFF').TrimEnd('\r'));
        Assert.Equal(3_000 + 1, lines.Length); // one row per member
    }

    [Fact]
    public void Every_sampled_row_passes_the_registry_validators()
    {
        var clock = new FixedClock();
        var households = new HouseholdFactsValidator(clock);
        var members = new MemberFactsValidator(clock);
        var incomes = new IncomeLinesValidator();
        foreach (var g in Sample.Value.Where((_, i) => i % 7 == 0))
        {
            var rows = GenerateRegistry.Rows(g).ToList();
            Assert.Equal(g.Members.Count, rows.Count);
            Assert.All(rows, r => Assert.Equal(2025, r.IncomeYear));
            Assert.Empty(households.Validate(rows[0].Household).Errors);
            Assert.Empty(incomes.Validate(rows[0].Income!).Errors);
            foreach (var r in rows)
                Assert.True(members.Validate(r.Member).IsValid, $"{r.HouseholdNumber} {r.Member.IdNumber}: {members.Validate(r.Member)}");
        }
    }
}

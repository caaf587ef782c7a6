using Jingzhun.Bench;

namespace Jingzhun.Tests.Bench;

/// <summary>The benchmark harness's order statistics (its figures are medians and p95s).</summary>
public sealed class StatsTests
{
    [Fact]
    public void Median_of_odd_and_even_counts()
    {
        Assert.Equal(3, Stats.Median([5, 1, 3]));
        Assert.Equal(2.5, Stats.Median([4, 1, 3, 2]));
    }

    [Fact]
    public void P95_is_the_nearest_rank()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();
        Assert.Equal(95, Stats.Percentile(values, 95));
        Assert.Equal(100, Stats.Percentile(values, 100));
        Assert.Equal(19, Stats.Percentile(Enumerable.Range(1, 20).Select(i => (double)i).ToList(), 95));
        Assert.Throws<ArgumentException>(() => Stats.Median([]));
    }

    [Fact]
    public void Benchmarks_document_sections_are_replaced_in_place()
    {
        var doc = Report.Upsert("# B\n\nintro\n", "import", "one");
        doc = Report.Upsert(doc + "\ntail\n", "import", "two");
        Assert.Equal("# B\n\nintro\n\n<!-- bench:import -->\ntwo\n<!-- /bench:import -->\n\ntail\n", doc);
    }
}

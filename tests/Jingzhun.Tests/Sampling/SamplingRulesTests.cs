using Jingzhun.Web.Modules.Sampling.Rules;

namespace Jingzhun.Tests.Sampling;

/// <summary>回头看 sampling: the sample size with its finite population correction, allocation, the seeded draw, the stratified estimator and the limits.</summary>
public sealed class SamplingRulesTests
{
    [Fact]
    public void Sample_size_follows_the_formula_with_the_finite_population_correction()
    {
        var s = SamplingRules.Size(2000, 0.05m);
        // n0 = 1.96² × 0.5 × 0.5 / 0.05² = 3.8416 × 0.25 / 0.0025 = 384.16; n = 384.16 / (1 + 383.16/2000) = 322.3955 → 323.
        Assert.Equal(384.16, s.N0, 6);
        Assert.Equal(322.3955, s.Corrected, 4);
        Assert.Equal(323, s.N1);
        Assert.Equal(323, s.Sample);
        // A 10% non-response allowance: ⌈323 / 0.9⌉ = 359.
        Assert.Equal(359, SamplingRules.Size(2000, 0.05m, 0.5m, 0.1m).Sample);
        // An expected rate of 2%: n0 = 3.8416 × 0.02 × 0.98 / 0.0025 = 30.118…; n = 30.118/(1 + 29.118/2000) = 29.69 → 30.
        Assert.Equal(30, SamplingRules.Size(2000, 0.05m, 0.02m).N1);
        // Never more than the frame.
        Assert.Equal(10, SamplingRules.Size(10, 0.01m).Sample);
    }

    [Fact]
    public void Proportional_allocation_sums_to_n_by_largest_remainder()
    {
        var a = SamplingRules.Allocate([("A", 500), ("B", 300), ("C", 200)], 101);
        // 50.5, 30.3, 20.2: the floors give 100, the one left goes to A (remainder 0.5).
        Assert.Equal([51, 30, 20], a.Select(x => x.Sample));
        Assert.Equal(101, a.Sum(x => x.Sample));
        foreach (var n in new[] { 0, 1, 7, 333, 999, 1000, 1200 })
            Assert.Equal(Math.Min(n, 1000), SamplingRules.Allocate([("A", 17), ("B", 600), ("C", 383)], n).Sum(x => x.Sample));
    }

    [Fact]
    public void The_draw_is_reproducible_from_its_seed_and_frame()
    {
        var frame = Enumerable.Range(1, 300).Select(i => (Stratum: i % 3 == 0 ? "T1" : "T2", Id: (long)(i * 7))).ToList();
        var take = new Dictionary<string, int> { ["T1"] = 10, ["T2"] = 12 };
        var a = SamplingRules.Draw(frame, take, 20260116);
        // The frame in another order gives the same draw (it is sorted by id within each stratum).
        var b = SamplingRules.Draw(Enumerable.Reverse(frame).ToList(), take, 20260116);
        var c = SamplingRules.Draw(frame, take, 20260117);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(x => x.Id), c.Select(x => x.Id));
        Assert.Equal(10, a.Count(x => x.Stratum == "T1"));
        Assert.Equal(12, a.Count(x => x.Stratum == "T2"));
        Assert.Equal(22, a.Select(x => x.Id).Distinct().Count());
        Assert.All(a, x => Assert.Contains(frame, f => f.Id == x.Id && f.Stratum == x.Stratum));
        Assert.Equal(Enumerable.Range(1, 10), a.Where(x => x.Stratum == "T1").Select(x => x.Order));
    }

    [Fact]
    public void The_stratified_estimate_and_its_interval_match_a_hand_computed_example()
    {
        // A: N=600, n=30, 3 found (10%); B: N=400, n=20, none. W = 0.6, 0.4. p̂ = 0.6 × 0.1 = 0.06.
        // Var = 0.6² × 0.1 × 0.9 / 29 × (1 − 30/600) = 0.001061379…; SE = 0.0325788…; CI = 0.06 ± 1.96 × SE = [0, 0.123854…].
        var e = SamplingRules.Estimate([new StratumCount("A", 600, 30, 3), new StratumCount("B", 400, 20, 0)]);
        Assert.Equal(new Fraction(3, 50), e.Exact);
        Assert.Equal(0.06, e.Rate, 12);
        Assert.Equal(0.0325788, e.StandardError, 6);
        Assert.Equal(0, e.Low);
        Assert.Equal(0.123854, e.High, 5);
        Assert.Equal(50, e.Sampled);
        Assert.Equal(3, e.Found);
        // Simple random is the one-stratum case: 45 of 50 of 1000; Var = 0.9 × 0.1 / 49 × 0.95; CI = 0.9 ± 1.96 × 0.041773.
        var s = SamplingRules.Estimate([new StratumCount("all", 1000, 50, 45)]);
        Assert.Equal(0.9, s.Rate, 12);
        Assert.Equal(Math.Sqrt(0.09 / 49 * 0.95), s.StandardError, 12);
        Assert.Equal(0.9 - 1.96 * Math.Sqrt(0.09 / 49 * 0.95), s.Low, 12);
        // No response at all: no estimate.
        Assert.False(SamplingRules.Estimate([new StratumCount("A", 10, 0, 0)]).HasData);
    }

    [Theory]
    [InlineData(1, 51, true)]    // 1.96%
    [InlineData(1, 50, false)]   // exactly 2% is not below 2%
    [InlineData(2, 99, false)]   // 2.02%
    public void Wrong_exit_rate_must_be_strictly_below_the_limit(int found, int sampled, bool meets) =>
        Assert.Equal(meets, SamplingRules.Below(new Fraction(found, sampled), 2m));

    [Theory]
    [InlineData(899, 1000, false)]
    [InlineData(9, 10, true)]     // exactly 90% meets ≥ 90%
    [InlineData(901, 1000, true)]
    public void Recognition_must_reach_the_limit(int satisfied, int surveyed, bool meets) =>
        Assert.Equal(meets, SamplingRules.AtLeast(new Fraction(satisfied, surveyed), 90m));

    [Fact]
    public void A_weighted_rate_at_the_limit_is_compared_exactly()
    {
        // 0.7 × 1/35 + 0.3 × 2/30 = 0.02 + 0.02 = 0.04 … scaled: W 0.5/0.5, 1/50 and 1/50 → exactly 2%: not below.
        var e = SamplingRules.Estimate([new StratumCount("A", 300, 50, 1), new StratumCount("B", 300, 50, 1)]);
        Assert.Equal(new Fraction(1, 50), e.Exact);
        Assert.False(SamplingRules.Below(e.Exact, 2m));
        Assert.True(SamplingRules.Below(e.Exact, 2.01m));
    }
}

using System.Numerics;

namespace Jingzhun.Web.Modules.Sampling.Rules;

/// <summary>The sample size for a proportion at 95% confidence, with the numbers shown on the page.</summary>
/// <param name="N">frame size</param>
/// <param name="N0">n0 = z²·p(1−p)/e² (before the finite population correction)</param>
/// <param name="Corrected">n0 / (1 + (n0−1)/N), unrounded</param>
/// <param name="N1">the corrected size rounded up</param>
/// <param name="Sample">with the non-response allowance r: ⌈n / (1 − r)⌉, at most N</param>
public sealed record SampleSize(int N, decimal Margin, decimal P, decimal NonResponse, double N0, double Corrected, int N1, int Sample);

/// <summary>One stratum of a frame: its code, its size N_h and its share of the sample n_h.</summary>
public sealed record Allocation(string Stratum, int Size, int Sample);

/// <summary>One stratum's sample of a rate: N_h frame units, n_h responding sampled units, x_h of them with the attribute.</summary>
public sealed record StratumCount(string Stratum, int Size, int Sampled, int Found);

/// <summary>
/// An estimated rate: p̂ exactly (<see cref="Exact"/>) and as a number, its standard error and 95% interval, and the sample
/// it rests on. <see cref="Strata"/> counts the strata with a response (those without one are left out, their weight too).
/// </summary>
public sealed record RateEstimate(Fraction Exact, double Rate, double StandardError, double Low, double High, int Sampled, int Found, int Strata)
{
    public bool HasData => Sampled > 0;
}

/// <summary>
/// 回头看 抽样核查: sample size, proportional allocation, the reproducible draw and the stratified estimator.
/// <list type="bullet">
/// <item>n0 = z²·p(1−p)/e², z = 1.96; n = n0 / (1 + (n0−1)/N) rounded up; with a non-response allowance r, ⌈n/(1−r)⌉.</item>
/// <item>Allocation: n_h = n·N_h/N, the floors first, the remaining units to the largest remainders (ties: stratum code).</item>
/// <item>Draw: the frame sorted by household id within each stratum, strata in code order, one <c>new Random(seed)</c>
/// (the seeded .NET generator, stable across versions) and a partial Fisher–Yates shuffle per stratum: for i = 0…k−1,
/// j = i + rng.Next(N_h − i), swap; the first k units in that order are the sample followed by its reserves.</item>
/// <item>Estimate: p̂ = Σ W_h p̂_h with W_h = N_h/N; Var = Σ W_h² p̂_h(1−p̂_h)/(n_h−1) × (1 − n_h/N_h); 95% CI p̂ ± 1.96·√Var,
/// clipped to [0, 1]. A simple random sample is the one-stratum case.</item>
/// </list>
/// </summary>
public static class SamplingRules
{
    public const double Z = 1.96;

    public static SampleSize Size(int frame, decimal margin, decimal p = 0.5m, decimal nonResponse = 0m)
    {
        if (frame <= 0) return new SampleSize(frame, margin, p, nonResponse, 0, 0, 0, 0);
        var e = (double)margin;
        var pp = (double)p;
        var n0 = Z * Z * pp * (1 - pp) / (e * e);
        var corrected = n0 / (1 + (n0 - 1) / frame);
        // 1e-9 absorbs the binary error of a product that is an integer on paper.
        var n1 = Math.Min(frame, Math.Max(1, (int)Math.Ceiling(corrected - 1e-9)));
        var sample = nonResponse > 0 ? (int)Math.Ceiling(n1 / (1 - (double)nonResponse) - 1e-9) : n1;
        return new SampleSize(frame, margin, p, nonResponse, n0, corrected, n1, Math.Min(frame, sample));
    }

    /// <summary>Proportional allocation by largest remainder; sums to n (at most the frame), none above its stratum's size.</summary>
    public static IReadOnlyList<Allocation> Allocate(IReadOnlyList<(string Stratum, int Size)> strata, int n)
    {
        var total = strata.Sum(s => s.Size);
        if (total == 0) return [.. strata.Select(s => new Allocation(s.Stratum, s.Size, 0))];
        n = Math.Min(n, total);
        var rows = strata.Select(s =>
        {
            var exact = (long)n * s.Size;
            return (s.Stratum, s.Size, Floor: (int)(exact / total), Remainder: exact % total);
        }).ToList();
        var left = n - rows.Sum(r => r.Floor);
        var extra = rows.Where(r => r.Floor < r.Size).OrderByDescending(r => r.Remainder).ThenBy(r => r.Stratum, StringComparer.Ordinal)
            .Take(left).Select(r => r.Stratum).ToHashSet();
        return [.. rows.Select(r => new Allocation(r.Stratum, r.Size, r.Floor + (extra.Contains(r.Stratum) ? 1 : 0)))];
    }

    /// <summary>
    /// Draws <paramref name="take"/>[stratum] units of each stratum (sample then reserves). The frame units are sorted by id
    /// within each stratum and the strata taken in ordinal code order, so the same seed and frame give the same draw.
    /// </summary>
    public static IReadOnlyList<(string Stratum, long Id, int Order)> Draw(IEnumerable<(string Stratum, long Id)> frame,
        IReadOnlyDictionary<string, int> take, int seed)
    {
        var rng = new Random(seed);
        var result = new List<(string, long, int)>();
        foreach (var stratum in frame.GroupBy(f => f.Stratum).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ids = stratum.Select(f => f.Id).Order().ToArray();
            var k = Math.Min(ids.Length, take.GetValueOrDefault(stratum.Key));
            for (var i = 0; i < k; i++)
            {
                var j = i + rng.Next(ids.Length - i);
                (ids[i], ids[j]) = (ids[j], ids[i]);
                result.Add((stratum.Key, ids[i], i + 1));
            }
        }
        return result;
    }

    /// <summary>The stratified estimate of a rate and its 95% confidence interval (strata without a response left out).</summary>
    public static RateEstimate Estimate(IEnumerable<StratumCount> strata)
    {
        var used = strata.Where(s => s.Sampled > 0 && s.Size > 0).ToList();
        if (used.Count == 0) return new RateEstimate(Fraction.Zero, 0, 0, 0, 0, 0, 0, 0);
        long total = used.Sum(s => (long)s.Size);
        var exact = Fraction.Zero;
        double variance = 0;
        foreach (var s in used)
        {
            exact += new Fraction((long)s.Size * s.Found, (long)total * s.Sampled);
            var w = (double)s.Size / total;
            var p = (double)s.Found / s.Sampled;
            if (s.Sampled > 1) variance += w * w * p * (1 - p) / (s.Sampled - 1) * (1 - (double)s.Sampled / s.Size);
        }
        var rate = exact.ToDouble();
        var se = Math.Sqrt(Math.Max(0, variance));
        return new RateEstimate(exact, rate, se, Math.Max(0, rate - Z * se), Math.Min(1, rate + Z * se),
            used.Sum(s => s.Sampled), used.Sum(s => s.Found), used.Count);
    }

    /// <summary>错退率 and 漏评率 meet the standard when strictly below the limit (percent), compared exactly.</summary>
    public static bool Below(Fraction rate, decimal limitPercent) => rate < Fraction.Of(limitPercent / 100m);

    /// <summary>群众认可度 meets the standard at or above the limit (percent), compared exactly.</summary>
    public static bool AtLeast(Fraction rate, decimal limitPercent) => rate >= Fraction.Of(limitPercent / 100m);

    /// <summary>A satisfaction score of 4 or 5 (满意, 非常满意) counts as 认可.</summary>
    public static bool Satisfied(int score) => score >= 4;
}

/// <summary>An exact fraction (reduced, positive denominator) so that a rate is compared with its limit without rounding.</summary>
public readonly record struct Fraction : IComparable<Fraction>
{
    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException();
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (g > 1) { numerator /= g; denominator /= g; }
        Numerator = numerator;
        Denominator = denominator;
    }

    public static Fraction Zero => new(0, 1);

    public static Fraction Of(decimal d)
    {
        var bits = decimal.GetBits(d);
        var scale = (bits[3] >> 16) & 0xFF;
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        if (d < 0) mantissa = -mantissa;
        return new Fraction(mantissa, BigInteger.Pow(10, scale));
    }

    public static Fraction operator +(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;
    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;
    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    public double ToDouble() => (double)Numerator / (double)Denominator;

    public override string ToString() => $"{Numerator}/{Denominator}";
}

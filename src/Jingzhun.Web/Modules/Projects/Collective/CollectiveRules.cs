namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>Pure rules of the 村集体经济: what is operating income, a village's band, the 统一社会信用代码's check character.</summary>
public static class CollectiveRules
{
    /// <summary>经营性收入 leaves out 补助收入 (transfers from government) and 其他收入 (e.g. donations).</summary>
    public static bool IsOperating(CollectiveIncomeSource s) => s is not (CollectiveIncomeSource.Subsidy or CollectiveIncomeSource.Other);

    /// <summary>
    /// The band of a village's 经营性收入: none (≤ 0) is a 空壳村; at or above <paramref name="middleFrom"/> the 10万元以上
    /// band, at or above <paramref name="highFrom"/> the 100万元以上 band. Exact on decimals: a fen below stays below.
    /// </summary>
    public static CollectiveBand BandOf(decimal operating, decimal middleFrom, decimal highFrom) =>
        operating <= 0 ? CollectiveBand.Shell
        : operating >= highFrom ? CollectiveBand.High
        : operating >= middleFrom ? CollectiveBand.Middle
        : CollectiveBand.Low;

    private const string CreditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>统一社会信用代码 (GB 32100-2015): 18 characters of the code's alphabet (no I, O, S, V, Z), the last a check character.</summary>
    public static bool IsCreditCode(string code)
    {
        if (code.Length != 18) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = CreditChars.IndexOf(code[i], StringComparison.Ordinal);
            if (v < 0) return false;
            sum += v * CreditWeights[i];
        }
        var check = (31 - sum % 31) % 31;
        return code[17] == CreditChars[check];
    }
}

namespace Jingzhun.Web.Modules.Projects.Assets;

/// <summary>The asset ledger's rules: pure functions of an asset, a project and a distribution plan.</summary>
public static class AssetRules
{
    /// <summary>
    /// The class an asset of a project most likely has: what a household received is 到户类; an industry or employment
    /// project (基地, 冷库, 帮扶车间) leaves 经营性 assets; roads, water, schools and the rest are 公益性.
    /// </summary>
    public static AssetClass DefaultClass(ProjectCategory category, AssetRecipient recipient) =>
        recipient == AssetRecipient.Households ? AssetClass.Household
        : category is ProjectCategory.Industry or ProjectCategory.Employment ? AssetClass.Operating
        : AssetClass.PublicWelfare;

    /// <summary>The owner after 确权 that goes with a class: a household owns what it was given.</summary>
    public static bool OwnerFits(AssetClass cls, AssetRecipient owner) =>
        cls == AssetClass.Household ? owner == AssetRecipient.Households : owner != AssetRecipient.Households;

    /// <summary>
    /// A 分配方案 must share out exactly the income (exact decimals, no rounding): to the collective + to 公益性岗位 +
    /// the households' dividends = the income. Null when it does; else the reason in Chinese.
    /// </summary>
    public static string? CheckPlan(decimal income, decimal toCollective, decimal toJobs, IReadOnlyCollection<decimal> dividends)
    {
        if (toCollective < 0 || toJobs < 0 || dividends.Any(d => d <= 0)) return "分配金额不能为负数，分到户的金额须大于0";
        var shared = toCollective + toJobs + dividends.Sum();
        return shared == income ? null
            : shared > income ? $"分配合计 {shared:0.00} 元超过收益 {income:0.00} 元"
            : $"分配合计 {shared:0.00} 元少于收益 {income:0.00} 元，尚有 {income - shared:0.00} 元未分配";
    }

    /// <summary>
    /// <paramref name="total"/> split into <paramref name="count"/> shares in fen, as equal as possible: the fen left over go
    /// one each to the first shares, so the shares always add up to the total exactly.
    /// </summary>
    public static IReadOnlyList<decimal> EqualShares(decimal total, int count)
    {
        if (count <= 0) return [];
        var fen = (long)decimal.Round(total * 100m, 0, MidpointRounding.ToZero);
        var each = fen / count;
        var left = fen - each * count;
        return Enumerable.Range(0, count).Select(i => (each + (i < left ? 1 : 0)) / 100m).ToList();
    }
}

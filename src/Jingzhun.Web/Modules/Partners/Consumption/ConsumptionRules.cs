using FluentValidation;
using Jingzhun.Web.Platform.Excel;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>A recognised product's facts: names given, codes of the tables, a validity that ends after it starts.</summary>
public sealed class ProductFactsValidator : AbstractValidator<ProductFacts>
{
    public ProductFactsValidator()
    {
        RuleFor(f => f.SupplierName).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("请填写供应主体名称");
        RuleFor(f => f.SupplierKind).IsInEnum().WithMessage($"供应主体类型无效，可选：{CodeTable<SupplierKind>.Choices}");
        RuleFor(f => f.ProductName).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("请填写产品名称");
        RuleFor(f => f.Category).IsInEnum().WithMessage($"产品类别无效，可选：{CodeTable<ProductCategory>.Choices}");
        RuleFor(f => f.CertificateNumber).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("请填写认定证书号");
        RuleFor(f => f.ValidFrom).Must(d => d.Year >= 2015).WithMessage("认定有效期起始日期应不早于2015年");
        RuleFor(f => f.ValidTo).Must((f, to) => to >= f.ValidFrom).WithMessage("认定有效期截止日期不能早于起始日期");
        RuleFor(f => f.ValidTo).Must((f, to) => to <= f.ValidFrom.AddYears(5)).WithMessage("认定有效期不能超过5年");
    }
}

/// <summary>A sale's facts: a known buyer type and channel, a buyer, an amount above 0 with at most two decimals, a date not in the future.</summary>
public sealed class SaleFactsValidator : AbstractValidator<SaleFacts>
{
    public const decimal MaxAmount = 100_000_000m;

    public SaleFactsValidator()
    {
        RuleFor(f => f.BuyerType).IsInEnum().WithMessage($"购买方类型无效，可选：{CodeTable<BuyerType>.Choices}");
        RuleFor(f => f.BuyerName).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("请填写购买方名称");
        RuleFor(f => f.Amount).Must(a => a > 0 && a <= MaxAmount).WithMessage("金额应大于0元且不超过1亿元");
        RuleFor(f => f.Amount).Must(a => decimal.Round(a, 2) == a).WithMessage("金额最多两位小数");
        RuleFor(f => f.Channel).IsInEnum().WithMessage($"销售渠道无效，可选：{CodeTable<SaleChannel>.Choices}");
        RuleFor(f => f.PartnershipId).Must(id => id is null or > 0).WithMessage("协作关系编号应为正整数");
    }
}

public static class ConsumptionRules
{
    /// <summary>
    /// A sale of a product on a day: not in the future, not before the certificate's validity, and an expired certificate
    /// takes no sale dated after its validity. Null when fine, else the reason (field soldOn).
    /// </summary>
    public static string? CheckSaleDate(DateOnly soldOn, DateOnly validFrom, DateOnly validTo, string productName, DateOnly today) =>
        soldOn > today ? "销售日期不能晚于今天"
        : soldOn > validTo ? $"{productName}的认定证书已于{validTo:yyyy-MM-dd}到期，不能登记此后的销售"
        : soldOn < validFrom ? $"销售日期早于{productName}的认定有效期（{validFrom:yyyy-MM-dd}起）"
        : null;

    /// <summary>The partners' share: 东西部协作 and 定点帮扶.</summary>
    public static bool IsPartner(BuyerType t) => t is BuyerType.EastWest or BuyerType.Pairing;

    /// <summary>A ratio of unrounded amounts (null when the base is 0); rounded only for display.</summary>
    public static decimal? Rate(decimal part, decimal whole) => whole > 0 ? part / whole : null;

    /// <summary>The buyer type of a sale that counts for a partnership of this kind.</summary>
    public static BuyerType BuyerOf(Cooperation.PartnershipKind kind) => kind == Cooperation.PartnershipKind.EastWest ? BuyerType.EastWest : BuyerType.Pairing;
}

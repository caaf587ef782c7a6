using Jingzhun.Web.Modules.Partners.Consumption;

namespace Jingzhun.Tests.Partners;

/// <summary>消费帮扶 rules at their limits (issue 15): a certificate's validity and a sale's facts.</summary>
public sealed class ConsumptionRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2026, 6, 30);

    [Theory]
    [InlineData("2026-06-30", null)]                                   // the last day of the validity
    [InlineData("2026-07-01", "认定证书已于2026-06-30到期")]           // the day after: expired
    [InlineData("2025-01-01", null)]
    [InlineData("2024-12-31", "早于")]
    [InlineData("2026-12-06", "销售日期不能晚于今天")]
    public void A_sale_falls_within_the_certificates_validity(string soldOn, string? message)
    {
        // The future date is checked against a validity that still runs, so only "today" refuses it.
        var to = soldOn == "2026-12-06" ? new DateOnly(2027, 6, 30) : To;
        var result = ConsumptionRules.CheckSaleDate(DateOnly.Parse(soldOn, System.Globalization.CultureInfo.InvariantCulture), From, to, "富硒大米", Today);
        if (message is null) Assert.Null(result);
        else Assert.Contains(message, result);
    }

    private static ProductFacts Facts(string from, string to, string name = "富硒大米") =>
        new("金穗合作社", SupplierKind.Cooperative, name, ProductCategory.GrainOil, "FP1", DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), true);

    [Theory]
    [InlineData("2025-01-01", "2025-01-01", null)]
    [InlineData("2025-01-01", "2024-12-31", "ValidTo")]
    [InlineData("2025-01-01", "2030-01-01", null)]                    // five years exactly
    [InlineData("2025-01-01", "2030-01-02", "ValidTo")]
    public void A_validity_ends_after_it_starts_and_within_five_years(string from, string to, string? property) =>
        Assert.Equal(property, new ProductFactsValidator().Validate(Facts(from, to)).Errors.FirstOrDefault()?.PropertyName);

    [Fact]
    public void Unknown_codes_and_blank_names_are_refused_in_chinese()
    {
        var bad = Facts("2025-01-01", "2026-01-01", " ") with { Category = (ProductCategory)42, SupplierKind = (SupplierKind)0 };
        var errors = new ProductFactsValidator().Validate(bad).Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);
        Assert.Equal("请填写产品名称", errors["ProductName"]);
        Assert.StartsWith("产品类别无效，可选：粮油、畜禽肉蛋", errors["Category"]);
        Assert.StartsWith("供应主体类型无效", errors["SupplierKind"]);
    }

    [Theory]
    [InlineData("0.01", true)]
    [InlineData("0", false)]
    [InlineData("-5", false)]
    [InlineData("1.005", false)]
    [InlineData("100000000", true)]
    [InlineData("100000000.01", false)]
    public void A_sale_amount_is_above_zero_with_two_decimals(string amount, bool valid) =>
        Assert.Equal(valid, new SaleFactsValidator().Validate(new SaleFacts(BuyerType.EastWest, "庆云县", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
            Today, SaleChannel.Fair, null)).IsValid);

    [Fact]
    public void The_partners_share_is_east_west_and_pairing_and_rates_stay_unrounded()
    {
        Assert.True(ConsumptionRules.IsPartner(BuyerType.EastWest));
        Assert.True(ConsumptionRules.IsPartner(BuyerType.Pairing));
        Assert.False(ConsumptionRules.IsPartner(BuyerType.PublicReserved));
        Assert.Null(ConsumptionRules.Rate(5m, 0m));
        // 1,499,999.99 of 1,500,000 is not reached, though it rounds to 100.00%.
        var rate = ConsumptionRules.Rate(1_499_999.99m, 1_500_000m)!.Value;
        Assert.True(rate < 1m);
        Assert.Equal(100.00m, Math.Round(rate * 100m, 2));
    }
}

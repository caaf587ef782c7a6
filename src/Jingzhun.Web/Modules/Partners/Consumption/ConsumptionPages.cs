using System.Globalization;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>Helpers of the 消费帮扶 pages: list query strings (the API's names) and figures as read.</summary>
public static class ConsumptionPages
{
    public static string QueryOf(ProductQuery q, int? page = null) => QueryStrings.Join(
        ("region", q.Region), ("category", q.Category?.ToString()), ("valid", q.Valid is { } v ? (v ? "true" : "false") : null),
        ("onPlatform832", q.OnPlatform832 is { } o ? (o ? "true" : "false") : null), ("text", q.Text),
        ("pg", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null));

    public static string QueryOf(SaleQuery q, int? page = null) => QueryStrings.Join(
        ("region", q.Region), ("year", q.Year?.ToString(CultureInfo.InvariantCulture)), ("productId", q.ProductId?.ToString(CultureInfo.InvariantCulture)),
        ("buyerType", q.BuyerType?.ToString()), ("channel", q.Channel?.ToString()), ("pg", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null));

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A share or completion (a fraction, unrounded) as a percentage for display.</summary>
    public static string Percent(decimal? fraction) => ChineseNumbers.Percent(fraction is { } f ? (double)(f * 100m) : null, 2);
}

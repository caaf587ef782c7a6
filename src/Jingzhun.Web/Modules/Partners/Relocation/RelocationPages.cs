using System.Globalization;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>How the relocation pages write figures: rates as percentages with one decimal (display only), money in yuan.</summary>
public static class RelocationPages
{
    public static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Money(decimal d) => d.ToString("N2", CultureInfo.InvariantCulture);
}

using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Dashboards.Figures;

/// <summary>
/// One count of the command dashboard for one region (village, township, county, city, province; "" for the country):
/// a village's row is counted from its own registry rows, every region above holds the sum of its villages' rows, kept
/// so by adding each village's change to all its ancestors (<see cref="FigureUpkeep"/>). A dashboard reads its region's
/// rows and its children's, never the registry. <see cref="Figure"/> names what is counted (<see cref="FigureKinds"/>),
/// <see cref="Key"/> which group of it.
/// </summary>
[RegionScoped]
[Platform.Auditing.NotAudited("derived counts, kept by the system from audited rows; never edited by anyone")]
public sealed class RegionFigure
{
    [CodePointOrder] public string RegionCode { get; set; } = "";
    public string Figure { get; set; } = "";
    public string Key { get; set; } = "";
    public long Households { get; set; }
    public long People { get; set; }

    /// <summary>Money in fen (an exact integer on both databases; the sums of a country fit a long).</summary>
    public long AmountFen { get; set; }
}

public sealed class RegionFigureConfiguration : IEntityTypeConfiguration<RegionFigure>
{
    public void Configure(EntityTypeBuilder<RegionFigure> b)
    {
        b.ToTable("region_figures");
        b.HasKey(f => new { f.RegionCode, f.Figure, f.Key });
        b.Property(f => f.RegionCode).HasMaxLength(12);
        b.Property(f => f.Figure).HasMaxLength(2);
        b.Property(f => f.Key).HasMaxLength(40);
    }
}

/// <summary>What a <see cref="RegionFigure"/> counts. Keys are invariant (enum names, years, ISO dates).</summary>
public static class FigureKinds
{
    /// <summary>Households and people by 户类型 status (key: the enum name).</summary>
    public const string Status = "S";
    public const string Attribute = "A";
    public const string MainCause = "C";
    public const string Class321 = "K";
    /// <summary>Households with a latest per-capita income (Households) and its sum (AmountFen); key "".</summary>
    public const string Income = "I";
    /// <summary>Households by latest income year and band of the province's monitoring range of that year (key "2025:1".."2025:4").</summary>
    public const string Band = "B";
    /// <summary>The same bands against the national floor (the country's dashboard).</summary>
    public const string NationalBand = "N";
    /// <summary>Registered households' income rows by year: Households = rows, People = household sizes, AmountFen = net income.</summary>
    public const string IncomeYear = "Y";
    /// <summary>Problems found ("found") and verified ("verified").</summary>
    public const string Problems = "P";
    /// <summary>Open (assigned, in progress) problems by deadline (key yyyy-MM-dd): overdue is the sum before today.</summary>
    public const string OpenByDeadline = "D";
    /// <summary>Identified monitoring cases by stage and kind (key "Stage:Kind"): Households = cases, People = household sizes.</summary>
    public const string Cases = "M";
    /// <summary>Paired households owing a monthly visit (Households) and having had it (People), by month (key yyyy-MM).</summary>
    public const string Visits = "V";
    /// <summary>On the country's row only: the month whose visit figures were counted for every village (key yyyy-MM).</summary>
    public const string VisitMonthBuilt = "VM";
    /// <summary>On the country's row only: the whole registry was counted once (key ""), so the figures hold every village.</summary>
    public const string WholeBuilt = "FB";

    public static string BandKey(int year, int band) => $"{year}:{band}";
    public static string MonthKey(int year, int month) => $"{year:0000}-{month:00}";
}

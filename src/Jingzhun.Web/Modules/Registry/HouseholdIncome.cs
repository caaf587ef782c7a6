using Jingzhun.Web.Modules.Registry.Rules;

namespace Jingzhun.Web.Modules.Registry;

/// <summary>The lines of one year's income (yuan). Sub-lines are "of which" parts of their parent line.</summary>
public sealed record IncomeLines
{
    public decimal WageIncome { get; init; }
    public decimal PublicWelfareJobIncome { get; init; }
    public decimal ProductionIncome { get; init; }
    public decimal ProductionExpense { get; init; }
    public decimal PropertyIncome { get; init; }
    public decimal AssetDividendIncome { get; init; }
    public decimal TransferIncome { get; init; }
    public decimal PensionIncome { get; init; }
    public decimal DibaoIncome { get; init; }
    public decimal TekunIncome { get; init; }
    public decimal EcoCompensationIncome { get; init; }
    public decimal FamilyPlanningIncome { get; init; }
    public decimal IndustrySubsidyIncome { get; init; }
    public decimal EmploymentSubsidyIncome { get; init; }
    /// <summary>合规自付支出: allowable out-of-pocket medical and schooling spending (突发严重困难户 test).</summary>
    public decimal AllowableOutOfPocket { get; init; }
    /// <summary>家庭人口数 for the year; defaults to the active member count.</summary>
    public int? HouseholdSize { get; init; }
    /// <summary>The version of the year's record the editor read (optimistic concurrency); null for a new year.</summary>
    public int? Version { get; init; }
}

/// <summary>One household-year (收入信息). Per-capita net income is always derived by <see cref="IncomeRule"/>.</summary>
[Platform.Data.ScopedThrough(nameof(Household))]
public sealed class HouseholdIncome : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned, Platform.Data.IVersioned
{
    private HouseholdIncome() { }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public Household Household { get; private set; } = null!;
    public string CountyCode { get; private set; } = "";
    public int Year { get; private set; }

    public decimal WageIncome { get; private set; }
    public decimal PublicWelfareJobIncome { get; private set; }
    public decimal ProductionIncome { get; private set; }
    public decimal ProductionExpense { get; private set; }
    public decimal PropertyIncome { get; private set; }
    public decimal AssetDividendIncome { get; private set; }
    public decimal TransferIncome { get; private set; }
    public decimal PensionIncome { get; private set; }
    public decimal DibaoIncome { get; private set; }
    public decimal TekunIncome { get; private set; }
    public decimal EcoCompensationIncome { get; private set; }
    public decimal FamilyPlanningIncome { get; private set; }
    public decimal IndustrySubsidyIncome { get; private set; }
    public decimal EmploymentSubsidyIncome { get; private set; }
    public decimal AllowableOutOfPocket { get; private set; }
    public int HouseholdSize { get; private set; }
    public decimal NetIncome { get; private set; }
    public decimal PerCapitaNetIncome { get; private set; }

    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public int Version { get; private set; }

    public static HouseholdIncome Create(Household household, int year, IncomeLines lines, int householdSize, DateTime now, string by)
    {
        var i = new HouseholdIncome { Household = household, CountyCode = household.CountyCode, Year = year, Version = 0 };
        i.Set(lines, householdSize, now, by);
        household.Incomes.Add(i);
        return i;
    }

    public void Set(IncomeLines l, int householdSize, DateTime now, string by)
    {
        WageIncome = l.WageIncome;
        PublicWelfareJobIncome = l.PublicWelfareJobIncome;
        ProductionIncome = l.ProductionIncome;
        ProductionExpense = l.ProductionExpense;
        PropertyIncome = l.PropertyIncome;
        AssetDividendIncome = l.AssetDividendIncome;
        TransferIncome = l.TransferIncome;
        PensionIncome = l.PensionIncome;
        DibaoIncome = l.DibaoIncome;
        TekunIncome = l.TekunIncome;
        EcoCompensationIncome = l.EcoCompensationIncome;
        FamilyPlanningIncome = l.FamilyPlanningIncome;
        IndustrySubsidyIncome = l.IndustrySubsidyIncome;
        EmploymentSubsidyIncome = l.EmploymentSubsidyIncome;
        AllowableOutOfPocket = l.AllowableOutOfPocket;
        HouseholdSize = householdSize;
        var components = new IncomeComponents(WageIncome, ProductionIncome, PropertyIncome, TransferIncome, ProductionExpense);
        NetIncome = IncomeRule.NetIncome(components);
        PerCapitaNetIncome = IncomeRule.PerCapitaNetIncome(components, householdSize);
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }

    public IncomeLines ToLines() => new()
    {
        WageIncome = WageIncome, PublicWelfareJobIncome = PublicWelfareJobIncome, ProductionIncome = ProductionIncome,
        ProductionExpense = ProductionExpense, PropertyIncome = PropertyIncome, AssetDividendIncome = AssetDividendIncome,
        TransferIncome = TransferIncome, PensionIncome = PensionIncome, DibaoIncome = DibaoIncome, TekunIncome = TekunIncome,
        EcoCompensationIncome = EcoCompensationIncome, FamilyPlanningIncome = FamilyPlanningIncome,
        IndustrySubsidyIncome = IndustrySubsidyIncome, EmploymentSubsidyIncome = EmploymentSubsidyIncome,
        AllowableOutOfPocket = AllowableOutOfPocket, HouseholdSize = HouseholdSize,
    };

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, Household.VillageCode, $"{Year}年收入");
}

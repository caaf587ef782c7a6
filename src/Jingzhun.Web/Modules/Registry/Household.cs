namespace Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Problems;

/// <summary>Editable facts of a household: the same shape for the API, the forms and imported rows.</summary>
public sealed record HouseholdFacts
{
    public HouseholdStatus Status { get; init; } = HouseholdStatus.Exited;
    public PovertyAttribute? Attribute { get; init; }
    public int? IdentifiedYear { get; init; }
    public int? ExitYear { get; init; }
    public IdentificationStandard? IdentificationStandard { get; init; }
    public PovertyCause? MainCause { get; init; }
    public PovertyCause? SecondCause { get; init; }
    public PovertyCause? ThirdCause { get; init; }
    public Class321? Class321 { get; init; }
    public bool IsDibao { get; init; }
    public bool IsTekun { get; init; }
    public bool IsRelocated { get; init; }
    [Text(100, "安置点", typeof(Household), nameof(Household.SettlementSite))] public string? SettlementSite { get; init; }
    public bool RelocationKeysReceived { get; init; }
    public bool IsMilitaryFamily { get; init; }
    public bool HasDangerousHouseRenovation { get; init; }
    [Text(200, "详细地址", typeof(Household), nameof(Household.Address))] public string? Address { get; init; }
    [Text(20, "联系电话")] public string? Phone { get; init; }
    // Living conditions (生产生活条件)
    public HousingGrade? HousingGrade { get; init; }
    public bool? FoodSecure { get; init; }
    public bool? ClothingSecure { get; init; }
    public decimal? WaterLitresPerPersonDay { get; init; }
    public bool? WaterQualityPassed { get; init; }
    public bool? WaterPiped { get; init; }
    public int? WaterFetchMinutes { get; init; }
    public int? WaterHorizontalMetres { get; init; }
    public int? WaterVerticalMetres { get; init; }
    public int? WaterCutoffDaysPerYear { get; init; }
    public bool WaterShortArea { get; init; }
    public bool? HasElectricity { get; init; }
    public bool? HasHardenedRoad { get; init; }
    public bool? HasBroadband { get; init; }
    public bool? HasSanitaryToilet { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
}

/// <summary>A registered household (户). County code is carried for scoping and as the distribution key.</summary>
[Platform.Data.VillageScoped]
[Platform.Data.HouseholdKey(nameof(Id))]
public sealed class Household : Platform.Auditing.IAudited, Platform.Data.IVersioned
{
    private Household() { }

    public long Id { get; private set; }
    public string HouseholdNumber { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";

    public HouseholdStatus Status { get; private set; }
    public PovertyAttribute? Attribute { get; private set; }
    public int? IdentifiedYear { get; private set; }
    public int? ExitYear { get; private set; }
    public IdentificationStandard? IdentificationStandard { get; private set; }
    public PovertyCause? MainCause { get; private set; }
    public PovertyCause? SecondCause { get; private set; }
    public PovertyCause? ThirdCause { get; private set; }
    public Class321? Class321 { get; private set; }
    public bool IsDibao { get; private set; }
    public bool IsTekun { get; private set; }
    public bool IsRelocated { get; private set; }
    public string? SettlementSite { get; private set; }
    public bool RelocationKeysReceived { get; private set; }
    public bool IsMilitaryFamily { get; private set; }
    public bool HasDangerousHouseRenovation { get; private set; }
    public string? Address { get; private set; }
    /// <summary>Protected (encrypted) contact phone; <see cref="PhoneMasked"/> is what lists show.</summary>
    [Platform.Auditing.Sensitive]
    public string? PhoneProtected { get; private set; }
    public string? PhoneMasked { get; private set; }

    public HousingGrade? HousingGrade { get; private set; }
    public bool? FoodSecure { get; private set; }
    public bool? ClothingSecure { get; private set; }
    public decimal? WaterLitresPerPersonDay { get; private set; }
    public bool? WaterQualityPassed { get; private set; }
    public bool? WaterPiped { get; private set; }
    public int? WaterFetchMinutes { get; private set; }
    public int? WaterHorizontalMetres { get; private set; }
    public int? WaterVerticalMetres { get; private set; }
    public int? WaterCutoffDaysPerYear { get; private set; }
    public bool WaterShortArea { get; private set; }
    public bool? HasElectricity { get; private set; }
    public bool? HasHardenedRoad { get; private set; }
    public bool? HasBroadband { get; private set; }
    public bool? HasSanitaryToilet { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }

    /// <summary>Denormalized for lists and filters: head's name, active size, latest income.</summary>
    public string HeadName { get; private set; } = "";
    public int Size { get; private set; }
    public int? LatestIncomeYear { get; private set; }
    public decimal? LatestPerCapitaIncome { get; private set; }

    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public List<Member> Members { get; private set; } = [];
    public List<HouseholdIncome> Incomes { get; private set; } = [];

    public static Household Register(string householdNumber, string villageCode, HouseholdFacts facts,
        (string? Protected, string? Masked) phone, DateTime now, string by)
    {
        var h = new Household
        {
            HouseholdNumber = householdNumber,
            VillageCode = villageCode,
            CountyCode = villageCode[..6],
            CreatedAt = now,
        };
        h.Apply(facts, phone, now, by);
        h.Version = 1;
        return h;
    }

    public void Update(HouseholdFacts f, (string? Protected, string? Masked) phone, DateTime now, string by)
    {
        Apply(f, phone, now, by);
        Version++;
    }

    private void Apply(HouseholdFacts f, (string? Protected, string? Masked) phone, DateTime now, string by)
    {
        Status = f.Status;
        Attribute = f.Attribute;
        IdentifiedYear = f.IdentifiedYear;
        ExitYear = f.ExitYear;
        IdentificationStandard = f.IdentificationStandard;
        MainCause = f.MainCause;
        SecondCause = f.SecondCause;
        ThirdCause = f.ThirdCause;
        Class321 = f.Class321;
        IsDibao = f.IsDibao;
        IsTekun = f.IsTekun;
        IsRelocated = f.IsRelocated;
        SettlementSite = f.IsRelocated ? f.SettlementSite?.Trim() : null;
        RelocationKeysReceived = f.IsRelocated && f.RelocationKeysReceived;
        IsMilitaryFamily = f.IsMilitaryFamily;
        HasDangerousHouseRenovation = f.HasDangerousHouseRenovation;
        Address = f.Address?.Trim();
        PhoneProtected = phone.Protected;
        PhoneMasked = phone.Masked;
        HousingGrade = f.HousingGrade;
        FoodSecure = f.FoodSecure;
        ClothingSecure = f.ClothingSecure;
        WaterLitresPerPersonDay = f.WaterLitresPerPersonDay;
        WaterQualityPassed = f.WaterQualityPassed;
        WaterPiped = f.WaterPiped;
        WaterFetchMinutes = f.WaterFetchMinutes;
        WaterHorizontalMetres = f.WaterHorizontalMetres;
        WaterVerticalMetres = f.WaterVerticalMetres;
        WaterCutoffDaysPerYear = f.WaterCutoffDaysPerYear;
        WaterShortArea = f.WaterShortArea;
        HasElectricity = f.HasElectricity;
        HasHardenedRoad = f.HasHardenedRoad;
        HasBroadband = f.HasBroadband;
        HasSanitaryToilet = f.HasSanitaryToilet;
        Latitude = f.Latitude;
        Longitude = f.Longitude;
        Touch(now, by);
    }

    public HouseholdFacts ToFacts(string? phone) => new()
    {
        Status = Status, Attribute = Attribute, IdentifiedYear = IdentifiedYear, ExitYear = ExitYear,
        IdentificationStandard = IdentificationStandard, MainCause = MainCause, SecondCause = SecondCause,
        ThirdCause = ThirdCause, Class321 = Class321, IsDibao = IsDibao, IsTekun = IsTekun, IsRelocated = IsRelocated,
        SettlementSite = SettlementSite, RelocationKeysReceived = RelocationKeysReceived, IsMilitaryFamily = IsMilitaryFamily,
        HasDangerousHouseRenovation = HasDangerousHouseRenovation, Address = Address, Phone = phone,
        HousingGrade = HousingGrade, FoodSecure = FoodSecure, ClothingSecure = ClothingSecure,
        WaterLitresPerPersonDay = WaterLitresPerPersonDay, WaterQualityPassed = WaterQualityPassed, WaterPiped = WaterPiped,
        WaterFetchMinutes = WaterFetchMinutes, WaterHorizontalMetres = WaterHorizontalMetres,
        WaterVerticalMetres = WaterVerticalMetres, WaterCutoffDaysPerYear = WaterCutoffDaysPerYear,
        WaterShortArea = WaterShortArea, HasElectricity = HasElectricity, HasHardenedRoad = HasHardenedRoad,
        HasBroadband = HasBroadband, HasSanitaryToilet = HasSanitaryToilet, Latitude = Latitude, Longitude = Longitude,
    };

    /// <summary>Recomputes the denormalized head name, size and latest income from members and incomes.</summary>
    public void RefreshSummary()
    {
        var active = Members.Where(m => m.Status == MemberStatus.Active).ToList();
        Size = active.Count;
        // The last member leaving (e.g. 死亡) keeps the record under its former head's name.
        HeadName = active.FirstOrDefault(m => m.Relationship == Relationship.Head)?.Name ?? HeadName;
        var latest = Incomes.OrderByDescending(i => i.Year).FirstOrDefault();
        LatestIncomeYear = latest?.Year;
        LatestPerCapitaIncome = latest?.PerCapitaNetIncome;
    }

    /// <summary>Marks a change made through a member or income so that concurrent edits are detected.</summary>
    public void Touch(DateTime now, string by)
    {
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public void BumpVersion() => Version++;

    /// <summary>
    /// The home point (户的位置) taken from the first visit that recorded a location, when the registry has none. Not a
    /// person's edit of the record: the version stays, so a form open on the household is not made stale; the change
    /// time moves, so the field app's next download carries the point.
    /// </summary>
    public bool RecordHomePoint(double latitude, double longitude, DateTime now)
    {
        if (Latitude is not null || Longitude is not null) return false;
        Latitude = latitude;
        Longitude = longitude;
        UpdatedAt = now;
        return true;
    }

    /// <summary>户脱贫 (退出): a 未脱贫户 becomes a 脱贫户 of the year, its attribute the exited twin.</summary>
    public void MarkExited(int year, DateTime now, string by)
    {
        if (Status != HouseholdStatus.NotExited) throw new InvalidOperationException($"只有未脱贫户可以办理脱贫退出，该户为“{Platform.Localization.Labels.Of(Status)}”");
        Status = HouseholdStatus.Exited;
        ExitYear = year;
        Attribute = Attribute switch
        {
            PovertyAttribute.Dibao => PovertyAttribute.DibaoExited,
            PovertyAttribute.Tekun => PovertyAttribute.TekunExited,
            _ => PovertyAttribute.GeneralExited,
        };
        Version++;
        Touch(now, by);
    }

    /// <summary>纳入监测 makes a 脱贫户 or 一般农户 a 监测户; the end of monitoring restores what it was.</summary>
    public void ChangeStatus(HouseholdStatus to, DateTime now, string by)
    {
        var allowed = (Status, to) switch
        {
            (HouseholdStatus.Exited or HouseholdStatus.Ordinary, HouseholdStatus.Monitored) => true,
            (HouseholdStatus.Monitored, HouseholdStatus.Exited or HouseholdStatus.Ordinary) => true,
            _ => false,
        };
        if (!allowed) throw new InvalidOperationException($"户类型不能由“{Platform.Localization.Labels.Of(Status)}”改为“{Platform.Localization.Labels.Of(to)}”");
        Status = to;
        Version++;
        Touch(now, by);
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), Id, VillageCode, $"户 {HouseholdNumber}（户主 {HeadName}）");
}

namespace Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Problems;

/// <summary>Editable facts of a member (the ID number is handled separately: it is protected).</summary>
public sealed record MemberFacts
{
    [Text(50, "姓名", typeof(Member), nameof(Member.Name))] public string Name { get; init; } = "";
    [Text(18, "身份证号码")] public string IdNumber { get; init; } = "";
    public Relationship Relationship { get; init; } = Relationship.Other;
    public Gender? Gender { get; init; }
    public DateOnly? BirthDate { get; init; }
    [Text(2, "民族", typeof(Member), nameof(Member.Ethnicity))] public string Ethnicity { get; init; } = "01";
    public EducationLevel? EducationLevel { get; init; }
    public SchoolStatus SchoolStatus { get; init; } = SchoolStatus.NotInSchool;
    public HealthStatus HealthStatus { get; init; } = HealthStatus.Healthy;
    public int? DisabilityGrade { get; init; }
    public LaborSkill LaborSkill { get; init; } = LaborSkill.Ordinary;
    public WorkStatus WorkStatus { get; init; } = WorkStatus.None;
    public int? WorkMonths { get; init; }
    public bool HasMedicalInsurance { get; init; }
    public bool HasCriticalIllnessInsurance { get; init; }
    public bool HasPensionInsurance { get; init; }
    public int? PublicWelfareJobMonths { get; init; }
    public bool ReceivesDibao { get; init; }
    public bool ReceivesTekun { get; init; }
    /// <summary>因身体原因不具备学习条件 (certified by the education and health departments): exempt from school.</summary>
    public bool SchoolHealthExemption { get; init; }
    /// <summary>送教上门: teachers deliver schooling at home to an exempt child.</summary>
    public bool HomeSchooling { get; init; }
}

/// <summary>The protected forms of an ID number: ciphertext, keyed hash for lookup, and the masked display.</summary>
public sealed record ProtectedIdNumber(string Cipher, string Hash, string Masked, bool IsLegacy, string AddressCode);

public static class IdNumberProtection
{
    /// <summary>The stored identity of a parsed ID number: encrypted, keyed hash for lookups, mask for display.</summary>
    /// <param name="hash">The keyed hash when already computed (the import hashes every number while checking the file).</param>
    public static ProtectedIdNumber ProtectIdNumber(this Platform.Protection.PersonalDataProtector protector, Rules.IdNumberInfo id, string? hash = null) =>
        new(protector.EncryptIdNumber(id.Normalized), hash ?? protector.HashIdNumber(id.Normalized), Rules.IdNumberRule.Mask(id.Normalized), id.IsLegacy, id.AddressCode);
}

[Platform.Data.ScopedThrough(nameof(Household))]
public sealed class Member : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned, Platform.Data.IVersioned
{
    private Member() { }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public Household Household { get; private set; } = null!;
    public string CountyCode { get; private set; } = "";

    /// <summary>Searched from its start (surname or full name) on an index: code-point order on both databases.</summary>
    [Platform.Data.CodePointOrder]
    public string Name { get; private set; } = "";
    [Platform.Auditing.Sensitive]
    public string IdNumberCipher { get; private set; } = "";
    [Platform.Auditing.Sensitive]
    public string IdNumberHash { get; private set; } = "";
    public string IdNumberMasked { get; private set; } = "";
    public bool IsLegacyIdNumber { get; private set; }
    public Relationship Relationship { get; private set; }
    public Gender Gender { get; private set; }
    public DateOnly BirthDate { get; private set; }
    public string Ethnicity { get; private set; } = "01";
    public EducationLevel? EducationLevel { get; private set; }
    public SchoolStatus SchoolStatus { get; private set; }
    [Platform.Auditing.Sensitive]
    public HealthStatus HealthStatus { get; private set; }
    [Platform.Auditing.Sensitive]
    public int? DisabilityGrade { get; private set; }
    public LaborSkill LaborSkill { get; private set; }
    public WorkStatus WorkStatus { get; private set; }
    public int? WorkMonths { get; private set; }
    public bool HasMedicalInsurance { get; private set; }
    public bool HasCriticalIllnessInsurance { get; private set; }
    public bool HasPensionInsurance { get; private set; }
    public int? PublicWelfareJobMonths { get; private set; }
    public bool ReceivesDibao { get; private set; }
    public bool ReceivesTekun { get; private set; }
    [Platform.Auditing.Sensitive]
    public bool SchoolHealthExemption { get; private set; }
    [Platform.Auditing.Sensitive]
    public bool HomeSchooling { get; private set; }

    public MemberStatus Status { get; private set; }
    public DateOnly? LeftOn { get; private set; }
    public string? LeftNote { get; private set; }

    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static Member Create(Household household, MemberFacts f, ProtectedIdNumber id, Gender gender, DateOnly birth,
        DateTime now, string by)
    {
        var m = new Member { Household = household, CountyCode = household.CountyCode, CreatedAt = now, Version = 1 };
        m.Apply(f, id, gender, birth, now, by);
        household.Members.Add(m);
        return m;
    }

    public void Update(MemberFacts f, ProtectedIdNumber id, Gender gender, DateOnly birth, DateTime now, string by)
    {
        Apply(f, id, gender, birth, now, by);
        Version++;
    }

    private void Apply(MemberFacts f, ProtectedIdNumber id, Gender gender, DateOnly birth, DateTime now, string by)
    {
        Name = f.Name.Trim();
        IdNumberCipher = id.Cipher;
        IdNumberHash = id.Hash;
        IdNumberMasked = id.Masked;
        IsLegacyIdNumber = id.IsLegacy;
        Relationship = f.Relationship;
        Gender = gender;
        BirthDate = birth;
        Ethnicity = f.Ethnicity;
        EducationLevel = f.EducationLevel;
        SchoolStatus = f.SchoolStatus;
        HealthStatus = f.HealthStatus;
        DisabilityGrade = f.HealthStatus == HealthStatus.Disabled ? f.DisabilityGrade : null;
        LaborSkill = f.LaborSkill;
        WorkStatus = f.WorkStatus;
        WorkMonths = f.WorkStatus == WorkStatus.None ? null : f.WorkMonths;
        HasMedicalInsurance = f.HasMedicalInsurance;
        HasCriticalIllnessInsurance = f.HasCriticalIllnessInsurance;
        HasPensionInsurance = f.HasPensionInsurance;
        PublicWelfareJobMonths = f.PublicWelfareJobMonths;
        ReceivesDibao = f.ReceivesDibao;
        ReceivesTekun = f.ReceivesTekun;
        SchoolHealthExemption = f.SchoolHealthExemption;
        HomeSchooling = f.HomeSchooling;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public MemberFacts ToFacts(string idNumber) => new()
    {
        Name = Name, IdNumber = idNumber, Relationship = Relationship, Gender = Gender, BirthDate = BirthDate,
        Ethnicity = Ethnicity, EducationLevel = EducationLevel, SchoolStatus = SchoolStatus, HealthStatus = HealthStatus,
        DisabilityGrade = DisabilityGrade, LaborSkill = LaborSkill, WorkStatus = WorkStatus, WorkMonths = WorkMonths,
        HasMedicalInsurance = HasMedicalInsurance, HasCriticalIllnessInsurance = HasCriticalIllnessInsurance,
        HasPensionInsurance = HasPensionInsurance, PublicWelfareJobMonths = PublicWelfareJobMonths,
        ReceivesDibao = ReceivesDibao, ReceivesTekun = ReceivesTekun,
        SchoolHealthExemption = SchoolHealthExemption, HomeSchooling = HomeSchooling,
    };

    /// <summary>务工状况 and months derived from the member's employment records (the employment module's ledger).</summary>
    public bool RecordWork(WorkStatus status, int? months, DateTime now, string by)
    {
        var m = status == WorkStatus.None ? null : months;
        if (WorkStatus == status && WorkMonths == m) return false;
        WorkStatus = status;
        WorkMonths = m;
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
        return true;
    }

    /// <summary>公益性岗位 months of this year, as the employment module's 公益性岗位 ledger paid them (at most 12).</summary>
    public bool RecordPublicWelfareJobMonths(int months, DateTime now, string by)
    {
        var m = Math.Clamp(months, 0, 12);
        if (PublicWelfareJobMonths == m) return false;
        PublicWelfareJobMonths = m;
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
        return true;
    }

    /// <summary>迁出 / 死亡 / 婚出: the member stays on the record with the reason and date.</summary>
    public void Leave(MemberStatus reason, DateOnly on, string? note, DateTime now, string by)
    {
        if (Status != MemberStatus.Active) throw new InvalidOperationException("成员已不在册");
        if (reason == MemberStatus.Active) throw new ArgumentException("减员原因无效", nameof(reason));
        Status = reason;
        LeftOn = on;
        LeftNote = note?.Trim();
        UpdatedAt = now;
        UpdatedBy = by;
        Version++;
    }

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        if (day < BirthDate.AddYears(age)) age--;
        return age;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, Household.VillageCode, $"成员 {Name}（{IdNumberMasked}）");
}

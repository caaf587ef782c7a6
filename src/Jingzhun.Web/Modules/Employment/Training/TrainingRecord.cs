using System.ComponentModel.DataAnnotations;

namespace Jingzhun.Web.Modules.Employment.Training;

/// <summary>技能培训的类型 (人社部门的培训分类).</summary>
public enum TrainingKind
{
    [Display(Name = "引导性培训")] Guidance = 1,
    [Display(Name = "职业技能培训")] Vocational = 2,
    [Display(Name = "创业培训")] Entrepreneurship = 3,
    [Display(Name = "农业实用技术培训")] FarmingTechnique = 4,
}

/// <summary>The certificate a course gave, from none to a 职业资格证书.</summary>
public enum CertificateKind
{
    [Display(Name = "无")] None = 0,
    [Display(Name = "培训合格证")] TrainingCertificate = 1,
    [Display(Name = "专项职业能力证书")] SpecialAbility = 2,
    [Display(Name = "职业技能等级证书")] SkillLevel = 3,
    [Display(Name = "职业资格证书")] Qualification = 4,
}

/// <summary>The facts of a training as typed.</summary>
public sealed record TrainingFacts(string Course, TrainingKind Kind, string Organiser, DateOnly StartedOn, DateOnly EndedOn, int? Hours,
    CertificateKind Certificate, string? CertificateNumber);

/// <summary>
/// One 技能培训 a member attended: course, kind, organiser, dates, hours and the certificate it gave. It belongs to the
/// member's household (and so to its village).
/// </summary>
[Platform.Data.VillageScoped]
public sealed class TrainingRecord : Platform.Auditing.IAudited, Platform.Data.IHouseholdOwned, Platform.Data.IVersioned
{
    private TrainingRecord() { }

    public long Id { get; private set; }
    public long HouseholdId { get; private set; }
    public string VillageCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public long MemberId { get; private set; }
    public string Course { get; private set; } = "";
    public TrainingKind Kind { get; private set; }
    public string Organiser { get; private set; } = "";
    public DateOnly StartedOn { get; private set; }
    public DateOnly EndedOn { get; private set; }
    public int? Hours { get; private set; }
    public CertificateKind Certificate { get; private set; }
    public string? CertificateNumber { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public static TrainingRecord Record(long householdId, string villageCode, long memberId, TrainingFacts f, DateTime now, string by)
    {
        var t = new TrainingRecord
        {
            HouseholdId = householdId, VillageCode = villageCode, CountyCode = villageCode[..6], MemberId = memberId, Version = 1, CreatedAt = now, CreatedBy = by,
        };
        t.Apply(f, now, by);
        return t;
    }

    public void Edit(TrainingFacts f, DateTime now, string by)
    {
        Apply(f, now, by);
        Version++;
    }

    private void Apply(TrainingFacts f, DateTime now, string by)
    {
        Course = f.Course.Trim();
        Kind = f.Kind;
        Organiser = f.Organiser.Trim();
        StartedOn = f.StartedOn;
        EndedOn = f.EndedOn;
        Hours = f.Hours;
        Certificate = f.Certificate;
        CertificateNumber = f.Certificate == CertificateKind.None || string.IsNullOrWhiteSpace(f.CertificateNumber) ? null : f.CertificateNumber.Trim();
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id.ToString(), HouseholdId, VillageCode, $"技能培训 {Course}（{StartedOn:yyyy-MM-dd}）");
}

using FluentValidation;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Employment.WorkMonitoring;

/// <summary>
/// 务工监测 of one village for one month: the people of its 脱贫户 and 监测户 (members in the register), their labour force
/// (普通、技能、弱劳动力或半劳动力), how many work (any 务工状况 but 未务工), of them outside the county and outside the
/// province, and the labour force not working (of them, after a job that ended). Computed from the registry by
/// <see cref="WorkTallies.ComputeAsync"/> (the 更新统计 job, and the village again whenever a job of its members is
/// recorded or ended); a region's figure is the sum over its villages.
/// </summary>
[Platform.Data.VillageScoped]
[Platform.Auditing.NotAudited("figures computed from the audited registry and employment records; recomputing them changes no fact")]
public sealed class WorkTally
{
    public long Id { get; set; }
    public string VillageCode { get; set; } = "";
    public string CountyCode { get; set; } = "";
    public int Year { get; set; }
    public int Month { get; set; }
    /// <summary>脱贫人口和监测对象 in the register.</summary>
    public int People { get; set; }
    /// <summary>劳动力: 普通劳动力, 技能劳动力, 弱劳动力或半劳动力.</summary>
    public int LabourForce { get; set; }
    /// <summary>务工人数: every person with a 务工状况 other than 未务工.</summary>
    public int Employed { get; set; }
    /// <summary>Of them, outside the county (县外省内 and 省外).</summary>
    public int OutsideCounty { get; set; }
    public int OutsideProvince { get; set; }
    /// <summary>未就业劳动力: the labour force not working.</summary>
    public int JoblessLabour { get; set; }
    /// <summary>Of them, whose job ended (务工中断) rather than never recorded.</summary>
    public int JoblessAfterJob { get; set; }
    /// <summary>未就业原因 因病因残: the jobless labour with a serious illness or a disability.</summary>
    public int JoblessIllness { get; set; }
    /// <summary>未就业原因 弱劳动力或半劳动力 (and not ill or disabled); the rest of the jobless are 其他 (意愿、照料家庭 …).</summary>
    public int JoblessWeak { get; set; }
    public DateTime ComputedAt { get; set; }
}

public sealed class WorkTallyConfiguration : IEntityTypeConfiguration<WorkTally>
{
    public void Configure(EntityTypeBuilder<WorkTally> builder)
    {
        builder.ToTable("work_tallies");
        builder.Property(t => t.VillageCode).HasMaxLength(12);
        builder.Property(t => t.CountyCode).HasMaxLength(6);
        // A month's figure of a region is a range of villages within that month.
        builder.HasIndex(t => new { t.Year, t.Month, t.VillageCode }).IsUnique();
        builder.HasIndex(t => new { t.CountyCode, t.Year, t.Month });
    }
}

/// <summary>
/// 务工规模目标 of a county for a year: the number of 脱贫人口 (and 监测对象) it means to have working. A county without its own
/// row for the year aims not below last year's figure (the latest month tallied of last year); the default row's 0 says so.
/// </summary>
[Platform.Data.NotScoped("a county's target (or the default), read by every region under it")]
public sealed class WorkTargetPolicy : CountyPolicyRow
{
    public const int MaxTarget = 10_000_000;

    /// <summary>务工规模目标 (人); 0 = not below last year's figure.</summary>
    public int WorkforceTarget { get; set; }

    public static WorkTargetPolicy Default(int year) => new() { CountyCode = "", Year = year, WorkforceTarget = 0 };

    protected override string AuditTitle => "务工规模目标";
}

public sealed class WorkTargetPolicyConfiguration : IEntityTypeConfiguration<WorkTargetPolicy>
{
    public void Configure(EntityTypeBuilder<WorkTargetPolicy> builder) => builder.IsPolicyTable("work_target_policies");
}

public sealed record WorkTargetValues(
    [property: PolicyField("务工规模目标", 0, WorkTargetPolicy.MaxTarget, Unit = "人", Hint = "当年脱贫人口（含监测对象）务工人数目标；填 0 表示不低于上年务工人数")]
    int WorkforceTarget);

public sealed class WorkTargetValuesValidator : AbstractValidator<WorkTargetValues>
{
    public WorkTargetValuesValidator() =>
        RuleFor(v => v.WorkforceTarget).InclusiveBetween(0, WorkTargetPolicy.MaxTarget).WithMessage($"务工规模目标应在0至{WorkTargetPolicy.MaxTarget}人之间");
}

/// <summary>务工规模目标 per county and year (issue 13); a county admin sets their county's, a national admin the default.</summary>
public sealed class WorkTargetPolicyTable : PolicyTable<WorkTargetPolicy, WorkTargetValues, CountyPolicyView<WorkTargetValues>>
{
    public override string Key => "work-targets";
    public override string Title => "务工规模目标";
    public override string Description => "各区县当年脱贫人口（含监测对象）务工人数目标；未设当年目标的区县以上年务工人数为目标（不低于上年）。务工监测的完成率 = 务工人数 ÷ 目标。";
    public override string DefaultName => "默认（不低于上年）";
    public override int FirstYear => 2021;
    public override string YearMessage => "年度应不早于2021年";
    public override PolicyApi Api => new("/employment/work-targets", "就业与小额信贷", Permissions.MonitoringView, "务工规模目标（按区县、年度）",
        "设置某区县某年度的务工规模目标（county=default 为默认值，0 表示不低于上年）");

    public override IEnumerable<WorkTargetPolicy> Defaults() => [WorkTargetPolicy.Default(FirstYear)];
    public override WorkTargetPolicy Fallback(int year) => WorkTargetPolicy.Default(year);
    public override CountyPolicyView<WorkTargetValues> View(WorkTargetPolicy row) => new(row.CountyCode, row.Year, ValuesOf(row), row.Version);
}

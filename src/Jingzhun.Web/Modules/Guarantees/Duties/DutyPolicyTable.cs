using FluentValidation;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Guarantees.Duties;

/// <summary>The duty rules of a county ("default" = every county without its own row) from a year on.</summary>
public sealed record DutyPolicyValues(
    [property: PolicyField("可兼任岗位的小村户数上限", 0, 5000, Unit = "户",
        Hint = "村在册户数不超过此数时，整改与核验、提出与审核可由同一人办理；0 表示一律分开")] int CombinedDutiesMaxHouseholds,
    [property: PolicyField("须附佐证照片的维度", Hint = "整改完成时必须上传照片的维度，如“住房安全,饮水安全”；留空表示不强制")]
    [property: Text(60, "须附佐证照片的维度", typeof(DutyPolicy), nameof(DutyPolicy.PhotoEvidenceDimensions))] string PhotoEvidenceDimensions);

public sealed class DutyPolicyValuesValidator : AbstractValidator<DutyPolicyValues>
{
    private static readonly HashSet<string> Dimensions = Enum.GetValues<Dimension>().Select(d => Labels.Of(d)).ToHashSet();

    public DutyPolicyValuesValidator()
    {
        RuleFor(v => v.PhotoEvidenceDimensions).Must(list => DutyPolicy.Parts(list ?? "").All(Dimensions.Contains))
            .WithMessage($"须附佐证照片的维度应为 {string.Join("、", Dimensions)} 中的一个或多个，用逗号分隔");
    }
}

/// <summary>职责分离 (issue 14): per county and year; a county admin sets their county, a national admin the default.</summary>
public sealed class DutyPolicyTable : PolicyTable<DutyPolicy, DutyPolicyValues, CountyPolicyView<DutyPolicyValues>>
{
    public override string Key => "duties";
    public override string Title => "职责分离规则";
    public override string Description => "问题整改与核验、监测对象的提出与审核须由不同的人办理；户数少的村可按县里规定兼任。哪些维度的问题整改须附照片。";
    public override string DefaultName => "默认规则";
    public override int FirstYear => 2015;
    public override PolicyApi Api => new("/guarantees/duty-policies", "两不愁三保障", Permissions.GuaranteesView, "职责分离规则（按区县、年度）",
        "设置某区县某年度起的职责分离规则（county=default 为默认值）");

    public override IEnumerable<DutyPolicy> Defaults() => [DutyPolicy.Default(FirstYear)];
    public override DutyPolicy Fallback(int year) => DutyPolicy.Default(year);
    public override CountyPolicyView<DutyPolicyValues> View(DutyPolicy row) => new(row.CountyCode, row.Year, ValuesOf(row), row.Version);

    public override DutyPolicyValues Normalize(DutyPolicyValues values) =>
        values with { PhotoEvidenceDimensions = string.Join(',', DutyPolicy.Parts(values.PhotoEvidenceDimensions ?? "").Distinct()) };
}

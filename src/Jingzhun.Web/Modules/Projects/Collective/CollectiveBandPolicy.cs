using FluentValidation;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>
/// 村集体经济收入分档 of a county ("" = the default) from a year on: a village whose 经营性收入 of the year reaches
/// <see cref="MiddleFrom"/> counts among the 10万元以上 villages, reaching <see cref="HighFrom"/> among the 100万元以上.
/// "以上" includes the figure itself (民法典第一千二百五十九条: 以上、以下、以内、届满，包括本数).
/// </summary>
[Platform.Data.NotScoped("band thresholds per county (or the default), read by every region under it")]
public sealed class CollectiveBandPolicy : CountyPolicyRow
{
    public decimal MiddleFrom { get; set; }
    public decimal HighFrom { get; set; }

    public static CollectiveBandPolicy Default(int year) => new() { CountyCode = "", Year = year, MiddleFrom = 100_000m, HighFrom = 1_000_000m };

    protected override string AuditTitle => "村集体经济收入分档";
}

public sealed record CollectiveBandValues(
    [property: PolicyField("“10万元以上”村的经营性收入下限", 1, 100_000_000, Unit = "元", Hint = "经营性收入达到此数（含本数）的村列入此档")] decimal MiddleFrom,
    [property: PolicyField("“100万元以上”村的经营性收入下限", 1, 1_000_000_000, Unit = "元", Hint = "经营性收入达到此数（含本数）的村列入此档")] decimal HighFrom);

public sealed class CollectiveBandValuesValidator : AbstractValidator<CollectiveBandValues>
{
    public CollectiveBandValuesValidator()
    {
        RuleFor(v => v.HighFrom).GreaterThan(v => v.MiddleFrom).WithMessage("“100万元以上”的下限应高于“10万元以上”的下限");
    }
}

/// <summary>村集体经济收入分档 (issue 17): per county and year; a county admin sets their county, a national admin the default.</summary>
public sealed class CollectiveBandPolicyTable : PolicyTable<CollectiveBandPolicy, CollectiveBandValues, CountyPolicyView<CollectiveBandValues>>
{
    public override string Key => "collective-bands";
    public override string Title => "村集体经济收入分档";
    public override string Description => "村集体经营性收入为0的村为空壳村；达到下列金额（含本数）的村分别列入“10万元以上”“100万元以上”（按区县、年度）。";
    public override string DefaultName => "默认分档";
    public override int FirstYear => 2015;
    public override PolicyApi Api => new("/collective/band-policies", "村集体经济", Permissions.ProjectsView, "村集体经济收入分档（按区县、年度）",
        "设置某区县某年度起的村集体经济收入分档金额（county=default 为默认值）");

    public override IEnumerable<CollectiveBandPolicy> Defaults() => [CollectiveBandPolicy.Default(FirstYear)];
    public override CollectiveBandPolicy Fallback(int year) => CollectiveBandPolicy.Default(year);
    public override CountyPolicyView<CollectiveBandValues> View(CollectiveBandPolicy row) => new(row.CountyCode, row.Year, ValuesOf(row), row.Version);
}

using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>
/// 易地搬迁后续扶持 values of a province ("" = national default) from a year on. 国家发展改革委等《关于切实做好易地扶贫搬迁
/// 后续扶持工作巩固拓展脱贫攻坚成果的指导意见》 tracks the 大型安置点 (800 people and more) separately.
/// </summary>
[Platform.Data.NotScoped("policy values per province, read by every region under it")]
public sealed class RelocationPolicy : ProvincePolicyRow
{
    /// <summary>A site with at least this many relocated people is a 大型安置点.</summary>
    public int LargeSitePeople { get; set; } = 800;

    public static RelocationPolicy Default(int year) => new() { ProvinceCode = "", Year = year };

    protected override string AuditTitle => "易地搬迁后续扶持参数";
}

public sealed class RelocationPolicyConfiguration : IEntityTypeConfiguration<RelocationPolicy>
{
    public void Configure(EntityTypeBuilder<RelocationPolicy> builder) => builder.IsPolicyTable("relocation_policies");
}

public sealed record RelocationPolicyValues(
    [property: PolicyField("大型安置点人数", 1, 100000, Unit = "人", Hint = "安置人数达到此数即为大型安置点（国家单独监测）")] int LargeSitePeople);

public sealed class RelocationPolicyTable : PolicyTable<RelocationPolicy, RelocationPolicyValues, ProvincePolicyView<RelocationPolicyValues>>
{
    public override string Key => "relocation";
    public override string Title => "易地搬迁后续扶持";
    public override string Description => "安置人数达到多少人的安置点列为大型安置点，在安置点统计中单独标出。";
    public override string DefaultName => "全国默认";
    public override int FirstYear => 2021;
    public override string YearMessage => "年度应不早于2021年";
    public override PolicyApi Api => new("/partners/relocation/policies", "易地搬迁后续扶持", Permissions.PartnersView, "易地搬迁后续扶持参数（按省、年度）",
        "设置某省某年度起的大型安置点人数（province=national 为全国默认）");

    public override IEnumerable<RelocationPolicy> Defaults() => [RelocationPolicy.Default(FirstYear)];
    public override RelocationPolicy Fallback(int year) => RelocationPolicy.Default(year);
    public override ProvincePolicyView<RelocationPolicyValues> View(RelocationPolicy row) => new(row.ProvinceCode, row.Year, ValuesOf(row), row.Version);
}

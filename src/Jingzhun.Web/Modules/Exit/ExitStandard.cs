using Jingzhun.Web.Platform.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Exit;

/// <summary>
/// 退出标准 for a province ("" = national) and year (DOMAIN.md §8): the poverty line of the year (2,300 yuan at 2010
/// prices, in current prices each year, ≈ 4,000 in 2020), the incidence threshold (2%, 3% in the west), and the
/// county's 三率一度 limits. Declared as a policy table by <see cref="ExitStandardTable"/>.
/// </summary>
[Platform.Data.NotScoped("policy values per province, read by every region under it")]
public sealed class ExitStandard : ProvincePolicyRow
{
    public decimal PovertyLine { get; set; }
    public decimal IncidenceMaxPercent { get; set; } = 2m;
    public decimal WrongExitMaxPercent { get; set; } = 2m;
    public decimal MissedMaxPercent { get; set; } = 2m;
    public decimal RecognitionMinPercent { get; set; } = 90m;

    /// <summary>The western provinces (西部地区: 内蒙古 广西 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆): 3% incidence.</summary>
    public static readonly string[] Western = ["15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"];

    /// <summary>The national poverty line in current prices by year (the 2,300-yuan 2010 standard, as published each year).</summary>
    public static readonly IReadOnlyDictionary<int, decimal> Lines = new Dictionary<int, decimal>
    {
        [2014] = 2800m, [2015] = 2855m, [2016] = 3146m, [2017] = 3335m, [2018] = 3535m, [2019] = 3747m, [2020] = 4000m,
    };

    public static IEnumerable<ExitStandard> Seed() =>
        Lines.SelectMany(l => new[] { new ExitStandard { ProvinceCode = "", Year = l.Key, PovertyLine = l.Value } }
            .Concat(Western.Select(p => new ExitStandard { ProvinceCode = p, Year = l.Key, PovertyLine = l.Value, IncidenceMaxPercent = 3m })));

    protected override string AuditTitle => "退出标准";
}

public sealed class ExitStandardConfiguration : IEntityTypeConfiguration<ExitStandard>
{
    public void Configure(EntityTypeBuilder<ExitStandard> builder)
    {
        builder.IsPolicyTable("exit_standards");
    }
}

using System.ComponentModel.DataAnnotations;

namespace Jingzhun.Web.Modules.Regions;

public enum RegionLevel
{
    [Display(Name = "省")] Province = 1,
    [Display(Name = "市")] City = 2,
    [Display(Name = "区县")] County = 3,
    [Display(Name = "乡镇/街道")] Township = 4,
    [Display(Name = "村/社区")] Village = 5,
}

/// <summary>County classes of the 乡村振兴 assistance policy (DOMAIN.md §1).</summary>
public enum CountyClass
{
    [Display(Name = "先行示范")] Pioneer = 1,
    [Display(Name = "重点帮扶")] KeySupport = 2,
    [Display(Name = "积极推进")] Advancing = 3,
}

/// <summary>A node of the administrative tree, keyed by its statistical code (2/4/6/9/12 digits).</summary>
[Platform.Data.NotScoped("the administrative divisions: reference data every user reads (names, the tree)")]
public sealed class Region : Platform.Auditing.IAudited, Platform.Data.IStamped
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public RegionLevel Level { get; init; }
    public string? ParentCode { get; init; }
    public bool IsNationalKeyCounty { get; set; }
    public bool IsCityKeyCounty { get; set; }
    public CountyClass? CountyClass { get; set; }
    /// <summary>农村户籍人口 of a village (set by the county): the denominator of 贫困发生率; sums up the tree.</summary>
    public int? RuralPopulation { get; set; }
    /// <summary>Of the facts a county records here (<see cref="EditRegion.EditRegionHandler"/>); a renaming import leaves them.</summary>
    public int Version { get; set; } = 1;
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Code, null, Code, $"区划 {Code} {Name}");
}

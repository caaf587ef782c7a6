using System.Text.Json.Serialization;
using Jingzhun.Web.Platform.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Platform.Policies;

/// <summary>
/// Where a policy table's rows apply (DESIGN.md: policy values by year and region): one row per province ("" = the
/// national row) or per county ("" = the default of every county), each from a year on.
/// </summary>
public sealed record PolicyLevel(string Column, int Digits, string Keyword, string CodeName, string AllName, string Owner, string Own)
{
    public static readonly PolicyLevel Province = new(nameof(ProvincePolicyRow.ProvinceCode), 2, "national", "省级区划代码", "全国", "本省（市）级", "本省");
    public static readonly PolicyLevel County = new(nameof(CountyPolicyRow.CountyCode), 6, "default", "区县代码", "默认", "本区县（或上级）", "本区县");

    public static PolicyLevel Of(Type rowType) => typeof(CountyPolicyRow).IsAssignableFrom(rowType) ? County : Province;

    /// <summary>The API's route parameter and the error key of a wrong code: "province" or "county".</summary>
    public string Parameter => this == Province ? "province" : "county";

    /// <summary>The row code that applies to a place: its first digits at this level, "" above it.</summary>
    public string CodeOf(string regionCode) => regionCode.Length >= Digits ? regionCode[..Digits] : "";

    /// <summary>The code named in a request: the keyword ("national", "default") is "", else exactly the digits; null when neither.</summary>
    public string? Parse(string? value) =>
        value == Keyword ? "" : value is { } v && v.Length == Digits && v.All(char.IsAsciiDigit) ? v : null;

    /// <summary>A national user sets any row; anyone else only the rows of their own region or below it.</summary>
    public static bool MaySet(string? userRegion, string code) =>
        userRegion == "" || (userRegion is not null && code != "" && code.StartsWith(userRegion, StringComparison.Ordinal));

    /// <summary>"全国" / "默认" for the row that applies everywhere, else the code.</summary>
    public string Name(string code) => code == "" ? AllName : code;
}

/// <summary>
/// A row of a policy table: values for a place from a year on, audited on every change. A module's table entity
/// derives from <see cref="ProvincePolicyRow"/> or <see cref="CountyPolicyRow"/> and declares its own
/// <c>[NotScoped]</c> reason; <see cref="PolicyTable{TRow,TValues,TView}"/> declares its fields and rules.
/// </summary>
public abstract class PolicyRow : IAudited, Data.IStamped
{
    public long Id { get; set; }
    public int Year { get; set; }

    /// <summary>Optimistic concurrency: a change is saved only by someone who read this version (see <see cref="Data.Versions"/>).</summary>
    public int Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>The province or county code ("" = everywhere).</summary>
    [JsonIgnore] public abstract string RegionCode { get; }
    internal abstract void Place(string code);

    /// <summary>The name of the table in the audit log, e.g. "防返贫监测政策参数".</summary>
    protected abstract string AuditTitle { get; }

    /// <summary>
    /// When this row is the one in force for a place ("" = everywhere) and year but is not that place's own row of the
    /// year, the notice that its values are carried forward: "沿用 2021 年标准 — 请设置 2025 年标准" (null otherwise).
    /// </summary>
    public string? CarriedForwardNotice(string placeCode, int year) => CarriedForward(RegionCode, Year, placeCode, year);

    /// <summary>The same notice from a row's place and year (see <see cref="CarriedForwardNotice"/>).</summary>
    public static string? CarriedForward(string rowCode, int rowYear, string placeCode, int year) =>
        rowCode == placeCode && rowYear >= year ? null
            : $"沿用{(rowCode == "" && placeCode != "" ? "全国" : "")} {rowYear} 年标准 — 请设置 {year} 年标准";

    public AuditFacts DescribeForAudit() =>
        new(Id.ToString(), null, RegionCode, $"{AuditTitle} {PolicyLevel.Of(GetType()).Name(RegionCode)} {Year}年");
}

public abstract class ProvincePolicyRow : PolicyRow
{
    public string ProvinceCode { get; set; } = "";
    [JsonIgnore] public override string RegionCode => ProvinceCode;
    internal override void Place(string code) => ProvinceCode = code;
}

public abstract class CountyPolicyRow : PolicyRow
{
    public string CountyCode { get; set; } = "";
    [JsonIgnore] public override string RegionCode => CountyCode;
    internal override void Place(string code) => CountyCode = code;
}

public static class PolicyRowConfiguration
{
    /// <summary>The table, its code column and the one row per place and year.</summary>
    public static EntityTypeBuilder<T> IsPolicyTable<T>(this EntityTypeBuilder<T> builder, string table) where T : PolicyRow
    {
        var level = PolicyLevel.Of(typeof(T));
        builder.ToTable(table);
        builder.Ignore(p => p.RegionCode);
        builder.Property<string>(level.Column).HasMaxLength(level.Digits);
        builder.HasIndex(level.Column, nameof(PolicyRow.Year)).IsUnique();
        builder.Property(p => p.UpdatedBy).HasMaxLength(64);
        return builder;
    }
}

/// <summary>
/// A field of a policy table's values: its Chinese label and unit (for the page and the messages) and, for a number,
/// the range it must lie in (both ends allowed), checked for every table alike.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PolicyFieldAttribute(string label) : Attribute
{
    public PolicyFieldAttribute(string label, double min, double max) : this(label) => (Min, Max) = (min, max);

    public string Label { get; } = label;
    public double? Min { get; }
    public double? Max { get; }
    public string? Unit { get; init; }
    public string? Hint { get; init; }
    /// <summary>The message when the value lies outside the range, instead of "{label}应在{min}至{max}{unit}之间".</summary>
    public string? Message { get; init; }
}

namespace Jingzhun.Web.Platform.Auditing;

/// <summary>What an audit entry says about a changed row: its id, household, region and a Chinese summary.</summary>
public sealed record AuditFacts(string EntityId, long? HouseholdId, string RegionCode, string Summary);

/// <summary>
/// Every change of an entity that implements this is written to the audit log in the same transaction
/// (AppDbContext.SaveChangesAsync). The architecture test requires each entity to be audited or allow-listed.
/// </summary>
public interface IAudited
{
    AuditFacts DescribeForAudit();
}

/// <summary>Not audited row by row; the reason is part of the allow-list the architecture test reads.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotAuditedAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}

/// <summary>
/// Personal or secret data (ciphertexts, keyed hashes, phones, health): the audit log records that it changed,
/// never its value.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SensitiveAttribute : Attribute;

using Microsoft.AspNetCore.Identity;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>A user bound to one region node; sees and changes that subtree only.</summary>
[Platform.Data.NotScoped("accounts are found by name at sign-in, before any scope; user management filters by the admin's region itself")]
public sealed class AppUser : IdentityUser, Platform.Auditing.IAudited
{
    public string DisplayName { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string Role { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public Platform.Auditing.AuditFacts DescribeForAudit() => new(Id, null, RegionCode, $"用户 {UserName}（{DisplayName}）");
}

using Microsoft.AspNetCore.Identity;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>A user bound to one region node; sees and changes that subtree only.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string Role { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

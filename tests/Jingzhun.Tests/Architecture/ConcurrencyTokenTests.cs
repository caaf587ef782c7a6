using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Tests.Architecture;

/// <summary>
/// Optimistic concurrency by construction: a record someone edits (it says who changed it last, UpdatedBy) is
/// <see cref="IVersioned"/>, and the context makes every such version a concurrency token. Accounts use Identity's
/// ConcurrencyStamp instead. A new editable entity without a version fails here.
/// </summary>
public sealed class ConcurrencyTokenTests
{
    [Fact]
    public void Every_edited_entity_is_versioned_and_its_version_is_a_concurrency_token()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new SqliteAppDbContext(options, UnscopedRegion.Instance, SystemActor.Instance, TimeProvider.System);
        var edited = db.Model.GetEntityTypes().Where(t => t.FindProperty("UpdatedBy") is not null).ToList();
        Assert.True(edited.Count >= 15, $"only {edited.Count} edited entities found");
        var wrong = new List<string>();
        foreach (var t in edited)
        {
            if (t.ClrType == typeof(AppUser))
            {
                if (t.FindProperty(nameof(AppUser.ConcurrencyStamp))?.IsConcurrencyToken != true) wrong.Add("AppUser: ConcurrencyStamp is no token");
                continue;
            }
            if (!typeof(IVersioned).IsAssignableFrom(t.ClrType)) wrong.Add($"{t.ClrType.Name}: edited (UpdatedBy) but not IVersioned");
            else if (t.FindProperty(nameof(IVersioned.Version))?.IsConcurrencyToken != true) wrong.Add($"{t.ClrType.Name}: Version is no concurrency token");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}

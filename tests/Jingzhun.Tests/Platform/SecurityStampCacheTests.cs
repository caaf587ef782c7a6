using Jingzhun.Web.Platform.Auth;
using Microsoft.Extensions.Configuration;

namespace Jingzhun.Tests.Platform;

/// <summary>
/// The remembered security stamps (issue 18, HTTP throughput): a stamp is trusted for Auth:SessionCheckSeconds at most,
/// never once the account was written on this server, and a read that raced a write is not remembered.
/// </summary>
public sealed class SecurityStampCacheTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static SecurityStampCache Cache(Clock clock, string? seconds = null) => new(clock,
        new ConfigurationBuilder().AddInMemoryCollection(seconds is null ? [] : [new("Auth:SessionCheckSeconds", seconds)]).Build());

    [Fact]
    public void A_stamp_is_trusted_for_five_seconds_and_only_the_same_stamp()
    {
        var clock = new Clock();
        var cache = Cache(clock);
        Assert.False(cache.IsCurrent("u1", "s1"));
        cache.Remember("u1", "s1", cache.BeginRead());
        Assert.True(cache.IsCurrent("u1", "s1"));
        Assert.False(cache.IsCurrent("u1", "s0")); // an older (or newer) token's stamp reads the database
        Assert.False(cache.IsCurrent("u2", "s1"));
        clock.Now += TimeSpan.FromSeconds(4.9);
        Assert.True(cache.IsCurrent("u1", "s1"));
        clock.Now += TimeSpan.FromSeconds(0.1);
        Assert.False(cache.IsCurrent("u1", "s1"));
    }

    [Fact]
    public void A_write_of_the_account_forgets_it_at_once()
    {
        var cache = Cache(new Clock());
        cache.Remember("u1", "s1", cache.BeginRead());
        cache.Remember("u2", "s2", cache.BeginRead());
        cache.Forget("u1");
        Assert.False(cache.IsCurrent("u1", "s1"));
        Assert.True(cache.IsCurrent("u2", "s2"));
    }

    [Fact]
    public void A_read_that_began_before_a_write_is_not_remembered()
    {
        var cache = Cache(new Clock());
        var read = cache.BeginRead(); // the database still had the old stamp when this read began
        cache.Forget("u1");           // the account is written (new stamp) meanwhile
        cache.Remember("u1", "old", read);
        Assert.False(cache.IsCurrent("u1", "old"));
        cache.Remember("u1", "new", cache.BeginRead());
        Assert.True(cache.IsCurrent("u1", "new"));
    }

    [Fact]
    public void Zero_seconds_reads_the_database_every_time()
    {
        var cache = Cache(new Clock(), "0");
        cache.Remember("u1", "s1", cache.BeginRead());
        Assert.False(cache.IsCurrent("u1", "s1"));
    }
}

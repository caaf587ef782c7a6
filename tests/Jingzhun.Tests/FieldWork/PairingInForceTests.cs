using Jingzhun.Web.Modules.FieldWork;

namespace Jingzhun.Tests.FieldWork;

// A household is 结对 while its pairing is open and its cadre still serves; a recalled or rotated-out cadre's households are 未结对.
public sealed class PairingInForceTests
{
    private static readonly DateOnly Day = new(2026, 6, 15);
    private static readonly DateTime Now = new(2026, 6, 15, 2, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null, true)]          // the cadre serves with no end
    [InlineData("2026-06-16", true)]  // leaves tomorrow
    [InlineData("2026-06-15", true)]  // today is the last day
    [InlineData("2026-06-14", false)] // left yesterday
    public void A_pairing_is_in_force_until_its_cadres_last_day(string? leavesOn, bool inForce)
    {
        var p = Pairing.Start(1, 2, "500151101001", new DateOnly(2026, 1, 1), Now, "tl_admin", leavesOn is null ? null : DateOnly.Parse(leavesOn));
        Assert.Equal(inForce, p.InForceOn(Day));
    }

    [Fact]
    public void A_recall_ends_the_pairing_on_the_day_never_before_its_start()
    {
        var p = Pairing.Start(1, 2, "500151101001", new DateOnly(2026, 6, 10), Now, "tl_admin");
        p.EndOn(new DateOnly(2026, 6, 12), Now);
        Assert.Equal(new DateOnly(2026, 6, 12), p.EndedOn);
        Assert.False(p.InForceOn(new DateOnly(2026, 6, 12)));   // ended: 未结对 at once
        var fresh = Pairing.Start(1, 2, "500151101001", new DateOnly(2026, 6, 10), Now, "tl_admin");
        fresh.EndOn(new DateOnly(2026, 6, 1), Now);
        Assert.Equal(new DateOnly(2026, 6, 10), fresh.EndedOn);
    }

    [Fact]
    public void A_cadre_recalled_once_cannot_be_recalled_again()
    {
        var c = Cadre.Create("张伟", "区农业农村委", (null, null), "500151101001", new DateOnly(2020, 1, 1), null, null, Now, "tl_admin");
        c.Recall(Day, CadreRecallReason.Results, null, Now, "tuqiao");
        Assert.Equal(Day, c.ActiveTo);
        Assert.True(c.IsActiveOn(Day.AddDays(-1)));
        Assert.False(c.IsActiveOn(Day));   // the recall takes effect on its day
        Assert.Contains("调整召回 2026-06-15：帮扶效果不好", c.DescribeForAudit().Summary, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => c.Recall(Day, CadreRecallReason.Conduct, null, Now, "tuqiao"));
    }
}

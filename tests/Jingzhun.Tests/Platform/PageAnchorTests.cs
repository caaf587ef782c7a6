using Jingzhun.Web.Platform.Data;

namespace Jingzhun.Tests.Platform;

public sealed class PageAnchorTests
{
    [Theory]
    [InlineData("5.1234", null, 5, 1234L, false)]
    [InlineData(null, "7.42", 7, 42L, true)]
    [InlineData("5.1234", "7.42", 5, 1234L, false)] // after wins
    [InlineData("x.42", "7.42", 7, 42L, true)]       // an unreadable after falls back to before
    public void Anchors_read_from_the_query_string(string? after, string? before, int page, long key, bool isBefore) =>
        Assert.Equal(new PageAnchor(page, key, isBefore), PageAnchor.Parse(after, before));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1234")]
    [InlineData("0.1234")]   // pages start at 1
    [InlineData("-1.1234")]
    [InlineData("1.-5")]
    [InlineData("1.2.3")]
    [InlineData("1.99999999999999999999")]
    public void Malformed_anchors_are_ignored(string? text) => Assert.Null(PageAnchor.Parse(text, null));

    [Theory]
    // After the last row of page 5 (20 a page): page 6 starts right there, page 8 two pages on; pages up to 5 are not after it.
    [InlineData(false, 5, 6, 0)]
    [InlineData(false, 5, 8, 40)]
    [InlineData(false, 5, 5, null)]
    [InlineData(false, 5, 2, null)]
    // Before the first row of page 5: page 4 ends right there, page 3 a page earlier; pages from 5 on are not before it.
    [InlineData(true, 5, 4, 0)]
    [InlineData(true, 5, 3, 20)]
    [InlineData(true, 5, 5, null)]
    [InlineData(true, 5, 9, null)]
    public void The_gap_is_the_rows_between_the_anchor_and_the_page(bool before, int anchorPage, int page, int? gap) =>
        Assert.Equal(gap, new PageAnchor(anchorPage, 1, before).Gap(page, 20));

    [Fact]
    public void An_anchor_writes_as_it_reads() =>
        Assert.Equal("12.345", new PageAnchor(12, 345, Before: true).ToString());
}

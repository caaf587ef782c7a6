using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Jingzhun.Web.Platform.Forms;

/// <summary>
/// <c>&lt;pager total="…" page="…" size="…" href="/list?region=…&amp;pg={page}" /&gt;</c>: 上一页, nearby page numbers,
/// 下一页 and the count, for a list read with <c>Paging</c>; nothing when the list fits on one page.
/// </summary>
[HtmlTargetElement("pager", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PagerTagHelper : TagHelper
{
    public int Total { get; set; }
    public int Page { get; set; }
    public int Size { get; set; }
    /// <summary>The link of a page, with <c>{page}</c> where its number goes.</summary>
    public string Href { get; set; } = "";
    public string Unit { get; set; } = "条";
    /// <summary>The list was counted only so far (<c>PageResult.Capped</c>): it has more than <see cref="Total"/> rows.</summary>
    public bool Capped { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var pages = Size <= 0 ? 1 : (Total + Size - 1) / Size;
        if (pages <= 1)
        {
            output.SuppressOutput();
            return;
        }
        var e = HtmlEncoder.Default;
        string Link(int p, string text) => $"<a href=\"{e.Encode(Href.Replace("{page}", p.ToString(), StringComparison.Ordinal))}\">{text}</a>";
        var sb = new StringBuilder();
        if (Page > 1) sb.Append(Link(Page - 1, "上一页"));
        for (var i = Math.Max(1, Page - 4); i <= Math.Min(pages, Page + 4); i++)
            sb.Append(i == Page ? $"<span class=\"g-cur\" aria-current=\"page\">{i}</span>" : Link(i, i.ToString()));
        if (Page < pages) sb.Append(Link(Page + 1, "下一页"));
        sb.Append(Capped
            ? $"<span class=\"g-muted\">共 {Total}+ {e.Encode(Unit)}，{pages}+ 页</span>"
            : $"<span class=\"g-muted\">共 {Total} {e.Encode(Unit)}，{pages} 页</span>");
        output.TagName = "nav";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "g-pager");
        output.Attributes.SetAttribute("aria-label", "分页");
        output.Content.SetHtmlContent(sb.ToString());
    }
}

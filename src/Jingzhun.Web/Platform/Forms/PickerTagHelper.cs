using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Jingzhun.Web.Platform.Forms;

/// <summary>
/// <c>&lt;picker kind="cadres" name="CadreId" label="帮扶干部" value="…" /&gt;</c>: a search box that lists matching names
/// (htmx, from /api/v1/pickers/{kind}, paged) and keeps the chosen values in hidden fields of the surrounding form;
/// <c>multiple</c> keeps several. Values already chosen (a form shown again) are shown by name. wwwroot/js/site.js
/// handles choosing and removing.
/// </summary>
[HtmlTargetElement("picker", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PickerTagHelper(IEnumerable<IPickerSource> sources) : TagHelper
{
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string Label { get; set; } = "";
    public string? Value { get; set; }
    public IEnumerable<long>? Values { get; set; }
    /// <summary>Only choices within this region (e.g. the cadres of the township the form is about).</summary>
    public string? Region { get; set; }
    public bool Multiple { get; set; }
    public string? Placeholder { get; set; }
    /// <summary>The field's error, shown under it.</summary>
    public string? Error { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var source = Pickers.Find(sources, Kind) ?? throw new InvalidOperationException($"no picker source '{Kind}'");
        var wanted = (Values?.Select(v => v.ToString()) ?? (string.IsNullOrWhiteSpace(Value) ? [] : Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .Distinct().ToList();
        var chosen = wanted.Count == 0 ? [] : await source.FindAsync(wanted, CancellationToken.None);
        var e = HtmlEncoder.Default;
        var id = "pk-" + Guid.NewGuid().ToString("N")[..8];
        var url = "/api/v1/pickers/" + source.Kind + (string.IsNullOrWhiteSpace(Region) ? "" : "?region=" + Uri.EscapeDataString(Region));
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "picker" + (Error is { Length: > 0 } ? " picker-invalid" : ""));
        output.Attributes.SetAttribute("data-picker", Multiple ? "multiple" : "single");
        output.Attributes.SetAttribute("data-name", Name);
        var html = new System.Text.StringBuilder();
        html.Append($"<span class=\"picker-label\" id=\"{id}-label\">{e.Encode(Label)}</span>");
        html.Append("<span class=\"picker-chosen\" data-picker-chosen>");
        foreach (var item in chosen) html.Append(Chip(e, Name, item.Value, Pickers.Label(item)));
        html.Append("</span>");
        var placeholder = Placeholder ?? "输入姓名搜索";
        html.Append($"<input type=\"search\" class=\"picker-search\" data-picker-search autocomplete=\"off\" placeholder=\"{e.Encode(placeholder)}\" ")
            .Append($"aria-labelledby=\"{id}-label\" aria-controls=\"{id}-results\" hx-get=\"{e.Encode(url)}\" ")
            .Append($"hx-trigger=\"input changed delay:300ms, search, focus once\" hx-target=\"#{id}-results\" hx-sync=\"this:replace\" />");
        html.Append($"<div class=\"picker-results\" id=\"{id}-results\" data-picker-results aria-live=\"polite\"></div>");
        if (Error is { Length: > 0 }) html.Append($"<span class=\"g-err\">{e.Encode(Error)}</span>");
        output.Content.SetHtmlContent(html.ToString());
    }

    /// <summary>A chosen value: its hidden field, its name, and a button to remove it (the same markup site.js adds).</summary>
    private static string Chip(HtmlEncoder e, string name, string value, string label) =>
        $"<span class=\"picker-chip\"><input type=\"hidden\" name=\"{e.Encode(name)}\" value=\"{e.Encode(value)}\" /><span>{e.Encode(label)}</span>" +
        $"<button type=\"button\" data-picker-remove aria-label=\"移除 {e.Encode(label)}\">×</button></span>";
}

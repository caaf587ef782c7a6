namespace Jingzhun.Tests.Architecture;

/// <summary>
/// Every POST form of a page carries its anti-forgery token. The form tag helper adds the token by itself only when the
/// form has no <c>action</c> attribute: a form that names its action must say <c>asp-antiforgery="true"</c>, or the
/// server refuses the submit with 400 (found by the browser tests on 登记走访, 导入户籍档案, 结对帮扶 and 驻村工作队).
/// </summary>
public sealed class FormAntiforgeryTests
{
    private static string ModulesRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Jingzhun.slnx"))) return Path.Combine(dir.FullName, "src", "Jingzhun.Web", "Modules");
        throw new InvalidOperationException("Jingzhun.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The opening &lt;form …&gt; tags of a view; a '&gt;' inside quotes or a Razor @( … ) does not end a tag.</summary>
    internal static IEnumerable<(int Line, string Tag)> FormTags(string text)
    {
        for (var start = text.IndexOf("<form", StringComparison.Ordinal); start >= 0; start = text.IndexOf("<form", start + 1, StringComparison.Ordinal))
        {
            var (depth, quoted, end) = (0, false, -1);
            for (var i = start + 5; i < text.Length && end < 0; i++)
            {
                var c = text[i];
                if (c == '(') depth++;
                else if (c == ')') depth--;
                else if (c == '"' && depth == 0) quoted = !quoted;
                else if (c == '>' && depth == 0 && !quoted) end = i;
            }
            if (end < 0) yield break;
            yield return (text.AsSpan(0, start).Count('\n') + 1, text[start..(end + 1)]);
        }
    }

    [Fact]
    public void Every_post_form_with_an_action_asks_for_the_antiforgery_token()
    {
        var root = ModulesRoot();
        var missing = Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => FormTags(File.ReadAllText(f)).Select(t => (File: Path.GetRelativePath(root, f), t.Line, t.Tag)))
            .Where(t => t.Tag.Contains("method=\"post\"", StringComparison.OrdinalIgnoreCase)
                && System.Text.RegularExpressions.Regex.IsMatch(t.Tag, @"\saction=""")
                && !t.Tag.Contains("asp-antiforgery=\"true\"", StringComparison.Ordinal))
            .Select(t => $"{t.File}:{t.Line}")
            .ToList();
        Assert.True(missing.Count == 0, "POST forms with an action but no asp-antiforgery=\"true\" (the submit answers 400): " + string.Join(", ", missing));
    }

    [Fact]
    public void The_scan_finds_tags_whose_razor_code_contains_a_greater_than_sign()
    {
        var tags = FormTags("""
            <p>x</p>
            <form method="post" action="/a?x=@(n > 0 ? "&" + q : "")" asp-antiforgery="true">
            <form method="post"
                  action="/b">
            """).ToList();
        Assert.Equal([2, 3], tags.Select(t => t.Line));
        Assert.EndsWith("asp-antiforgery=\"true\">", tags[0].Tag, StringComparison.Ordinal);
        Assert.EndsWith("action=\"/b\">", tags[1].Tag, StringComparison.Ordinal);
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Jingzhun.Tests.Architecture;

/// <summary>
/// Modules depend downwards only (docs/architecture.md): a module may use the modules to its left in
/// Platform &lt; Regions &lt; Registry &lt; Guarantees &lt; Monitoring &lt; {Employment, FieldWork} &lt; Dashboards &lt; {Admin, Home, Auth, FieldApp, Shared}.
/// Read from the source (.cs and .cshtml), so a reference in a view counts as much as one in code. A module that needs
/// to show or react to something of a module above it offers a contract instead (the household page's
/// <c>IHouseholdPanel</c>, the registry's <c>IRegistryChangeListener</c>).
/// </summary>
public sealed partial class ModuleDependencyTests
{
    private static readonly Dictionary<string, int> Rank = new()
    {
        ["Regions"] = 1, ["Registry"] = 2, ["Guarantees"] = 3, ["Monitoring"] = 4, ["Employment"] = 5, ["FieldWork"] = 5, ["Projects"] = 5,
        ["Dashboards"] = 6, ["Partners"] = 6, ["DataMatching"] = 6,
        ["Exit"] = 7, ["Reports"] = 7,
        ["Sampling"] = 8, ["Admin"] = 8, ["Home"] = 8, ["Auth"] = 8, ["FieldApp"] = 8, ["Shared"] = 8,
    };

    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Jingzhun.slnx"))) return Path.Combine(dir.FullName, "src", "Jingzhun.Web");
        throw new InvalidOperationException("Jingzhun.slnx not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void Every_module_folder_has_a_place_in_the_order()
    {
        var unranked = Directory.GetDirectories(Path.Combine(SourceRoot(), "Modules")).Select(Path.GetFileName).Where(m => !Rank.ContainsKey(m!)).ToList();
        Assert.True(unranked.Count == 0, "module folders without a place in the order: " + string.Join(", ", unranked));
    }

    [Fact]
    public void Modules_reference_only_the_modules_below_them()
    {
        var root = SourceRoot();
        var violations = new List<string>();
        foreach (var (module, rank) in Rank)
        {
            var folder = Path.Combine(root, "Modules", module);
            if (!Directory.Exists(folder)) continue;
            foreach (var file in SourceFiles(folder))
                foreach (var (line, target, text) in References(file))
                    if (target != module && Rank.TryGetValue(target, out var targetRank) && targetRank >= rank)
                        violations.Add($"{Path.GetRelativePath(root, file)}:{line}: {module} → {target}: {text}");
        }
        Assert.True(violations.Count == 0, $"{violations.Count} upward reference(s):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Platform_references_no_module_but_the_region_code_rules()
    {
        var root = SourceRoot();
        var violations = new List<string>();
        foreach (var file in SourceFiles(Path.Combine(root, "Platform")))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            foreach (var (line, target, text) in References(file))
                if (!(target == "Regions" && RegionRules().IsMatch(text)))
                    violations.Add($"{relative}:{line}: Platform → {target}: {text}");
        }
        Assert.True(violations.Count == 0, $"{violations.Count} reference(s) from Platform to a module:\n" + string.Join("\n", violations));
    }

    /// <summary>The checker itself: what counts as a reference and what does not.</summary>
    [Theory]
    [InlineData("using Jingzhun.Web.Modules.Guarantees;", "Guarantees")]
    [InlineData("using static Jingzhun.Web.Modules.Monitoring.MonitoringPages;", "Monitoring")]
    [InlineData("var x = global::Jingzhun.Web.Modules.FieldWork.Visit.Create();", "FieldWork")]
    [InlineData("IReadOnlyList<Guarantees.ManageProblems.ProblemRow> Problems", "Guarantees")]
    [InlineData("foo(Modules.Dashboards.Snapshots.RegistrySnapshot x)", "Dashboards")]
    [InlineData("var s = $\"{Monitoring.MonitoringPages.RiskLabels(r)} 条\";", "Monitoring")]
    [InlineData("var n = db.Regions.Count(); var m = Model.FieldWork.Visits;", null)]
    [InlineData("// uses Guarantees.Problem later", null)]
    [InlineData("/* Monitoring.RiskLead */ var a = 1;", null)]
    [InlineData("var s = \"see Guarantees.Problem\"; var t = @\"Monitoring.X\"\"\";", null)]
    [InlineData("var c = '\"'; var d = FieldWork2.X;", null)]
    public void A_reference_is_a_module_name_in_code_not_member_access_comment_or_string(string code, string? expected)
    {
        var found = ReferencesIn("namespace Jingzhun.Web.Modules.Registry;\n" + code, cshtml: false).Select(r => r.Target).Where(t => t != "Registry").Distinct().ToList();
        if (expected is null) Assert.Empty(found);
        else Assert.Equal([expected], found);
    }

    [Theory]
    [InlineData("<td>@Jingzhun.Web.Modules.Monitoring.MonitoringPages.RiskLabels(mc.RiskTypes)</td>", "Monitoring")]
    [InlineData("@model Jingzhun.Web.Modules.FieldWork.HouseholdPanel.FieldWorkPanel", "FieldWork")]
    [InlineData("@* Guarantees.Problem in a razor comment, Jingzhun.Web.Modules.Guarantees too *@ <p>Monitoring.</p>", null)]
    [InlineData("<!-- Jingzhun.Web.Modules.Guarantees.Problem --><a href=\"/monitoring/leads\">Monitoring.Leads</a>", null)]
    public void In_a_view_only_the_full_or_modules_qualified_form_counts(string code, string? expected)
    {
        var found = ReferencesIn(code, cshtml: true).Select(r => r.Target).Distinct().ToList();
        if (expected is null) Assert.Empty(found);
        else Assert.Equal([expected], found);
    }

    private static IEnumerable<(int Line, string Target, string Text)> References(string file) =>
        ReferencesIn(File.ReadAllText(file), file.EndsWith(".cshtml", StringComparison.Ordinal));

    /// <summary>
    /// Every module named in code: <c>Jingzhun.Web.Modules.X</c> and <c>Modules.X</c> anywhere, and (in C# inside
    /// <c>namespace Jingzhun.Web.Modules.*</c>, where it resolves to the module) the relative <c>X.Something</c>. A name
    /// after a dot (<c>db.Regions</c>) is member access; comments and string text are blanked first.
    /// </summary>
    private static IEnumerable<(int Line, string Target, string Text)> ReferencesIn(string source, bool cshtml)
    {
        var code = cshtml ? BlankViewComments(source) : BlankCommentsAndStrings(source);
        var relative = !cshtml && ModulesNamespace().IsMatch(code);
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in Qualified().Matches(lines[i]))
                yield return (i + 1, m.Groups["module"].Value, m.Value);
            if (!relative) continue;
            foreach (Match m in Relative().Matches(lines[i]))
                if (Rank.ContainsKey(m.Groups["module"].Value))
                    yield return (i + 1, m.Groups["module"].Value, m.Value);
        }
    }

    [GeneratedRegex(@"(?<![\w.])(?:global::)?(?:Jingzhun\.Web\.)?Modules\.(?<module>\w+)(?:\.\w+)*")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.:])(?<module>[A-Z]\w*)\.[A-Za-z_]\w*(?:\.\w+)*")]
    private static partial Regex Relative();

    [GeneratedRegex(@"^\s*namespace\s+Jingzhun\.Web\.Modules\.", RegexOptions.Multiline)]
    private static partial Regex ModulesNamespace();

    [GeneratedRegex(@"Modules\.Regions\.Rules\b")]
    private static partial Regex RegionRules();

    /// <summary>Razor (<c>@* *@</c>) and HTML (<c>&lt;!-- --&gt;</c>) comments blanked, line breaks kept.</summary>
    private static string BlankViewComments(string s) =>
        ViewComment().Replace(s, m => new string(m.Value.Select(c => c == '\n' ? '\n' : ' ').ToArray()));

    [GeneratedRegex(@"@\*.*?\*@|<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex ViewComment();

    /// <summary>
    /// C# with comments, string and character literals blanked (line breaks kept); the code inside an interpolated
    /// string's braces is kept, since it is code.
    /// </summary>
    private static string BlankCommentsAndStrings(string s)
    {
        var o = new StringBuilder(s.Length);
        // Each entry: an interpolated string we are inside (its verbatim flag) and the brace depth of the code in its hole.
        var holes = new Stack<(bool Verbatim, int Depth)>();
        var i = 0;
        void Blank(int end)
        {
            for (; i < end && i < s.Length; i++) o.Append(s[i] == '\n' ? '\n' : ' ');
        }
        bool At(string t) => string.CompareOrdinal(s, i, t, 0, t.Length) == 0;
        while (i < s.Length)
        {
            if (holes.Count > 0 && s[i] == '}' && holes.Peek().Depth == 0)
            {
                // Back into the interpolated string's text.
                var (verbatim, _) = holes.Pop();
                o.Append(' ');
                i++;
                StringText(verbatim, interpolated: true);
                continue;
            }
            if (holes.Count > 0 && (s[i] == '{' || s[i] == '}'))
            {
                var (v, d) = holes.Pop();
                holes.Push((v, d + (s[i] == '{' ? 1 : -1)));
                o.Append(s[i++]);
                continue;
            }
            if (At("//")) { var end = s.IndexOf('\n', i); Blank(end < 0 ? s.Length : end); continue; }
            if (At("/*")) { var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal); Blank(end < 0 ? s.Length : end + 2); continue; }
            if (At("\"\"\"") || At("$\"\"\"") || At("$$\"\"\""))
            {
                // Raw string: blanked whole (its interpolations are rare and short).
                var start = s.IndexOf("\"\"\"", i, StringComparison.Ordinal);
                var end = s.IndexOf("\"\"\"", start + 3, StringComparison.Ordinal);
                Blank(end < 0 ? s.Length : end + 3);
                continue;
            }
            if (At("$@\"") || At("@$\"")) { Blank(i + 3); StringText(verbatim: true, interpolated: true); continue; }
            if (At("$\"")) { Blank(i + 2); StringText(verbatim: false, interpolated: true); continue; }
            if (At("@\"")) { Blank(i + 2); StringText(verbatim: true, interpolated: false); continue; }
            if (s[i] == '"') { Blank(i + 1); StringText(verbatim: false, interpolated: false); continue; }
            if (s[i] == '\'')
            {
                var end = s[i + 1] == '\\' ? s.IndexOf('\'', i + 3) : i + 2;
                Blank(end < 0 ? s.Length : end + 1);
                continue;
            }
            o.Append(s[i++]);
        }
        return o.ToString();

        // From just inside a string's opening quote: blanks its text up to and including the closing quote, or stops at
        // an interpolation hole (pushing it) so the loop above reads the hole's code.
        void StringText(bool verbatim, bool interpolated)
        {
            while (i < s.Length)
            {
                var c = s[i];
                if (!verbatim && c == '\\') { Blank(i + 2); continue; }
                if (c == '"')
                {
                    if (verbatim && i + 1 < s.Length && s[i + 1] == '"') { Blank(i + 2); continue; }
                    Blank(i + 1);
                    return;
                }
                if (interpolated && c == '{')
                {
                    if (i + 1 < s.Length && s[i + 1] == '{') { Blank(i + 2); continue; }
                    o.Append(' ');
                    i++;
                    holes.Push((verbatim, 0));
                    return;
                }
                Blank(i + 1);
            }
        }
    }
}

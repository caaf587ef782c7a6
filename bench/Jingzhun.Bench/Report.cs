using System.Globalization;
using System.Text;

namespace Jingzhun.Bench;

/// <summary>The figures as markdown, and their sections in docs/benchmarks.md (one marked section per suite).</summary>
public static class Report
{
    public static string Table(IEnumerable<Figure> figures)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| figure | value | runs | baseline (same run) | ratio | target | met | command |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var f in figures)
        {
            var runs = string.Join(", ", f.Runs.Count > 9 ? [$"n = {f.Runs.Count}"] : f.Runs.Select(r => Number(r)));
            var baseline = f.BaselineValue is { } bv ? $"{f.Baseline}: {Bench.Format(bv, f.Unit)}" : "";
            var ratio = f.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "";
            var met = f.Met switch { true => "✅ met", false => "❌ missed", null => "" };
            var note = f.Note == "" ? "" : $" ({f.Note})";
            sb.AppendLine($"| {f.Name}{note} | {f.Statistic} {Bench.Format(f.Value, f.Unit)} | {runs} | {baseline} | {ratio} | {f.Target} | {met} | `{f.Command}` |");
        }
        return sb.ToString();
    }

    private static string Number(double v) => v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string Memory(IReadOnlyDictionary<string, double> peaks)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| process | peak resident memory (VmHWM) | target | met |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var (what, mib) in peaks.OrderBy(p => p.Key))
            sb.AppendLine($"| {what} | {mib:0} MiB | ≤ 1024 MiB | {(mib <= 1024 ? "✅ met" : "❌ missed")} |");
        return sb.ToString();
    }

    public static string Machine()
    {
        string Read(string path, string prefix) => File.Exists(path)
            ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?" : "?";
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";
        return $"Taken {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({Read("/proc/cpuinfo", "model name")}), " +
               $"{Read("/proc/meminfo", "MemTotal")} RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version}; load average at the end: {load}.";
    }

    /// <summary>Replaces (or appends) the section between &lt;!-- bench:NAME --&gt; and &lt;!-- /bench:NAME --&gt;.</summary>
    public static string Upsert(string document, string name, string content)
    {
        var start = $"<!-- bench:{name} -->";
        var end = $"<!-- /bench:{name} -->";
        var block = $"{start}\n{content.TrimEnd()}\n{end}";
        // A marker counts only on a line of its own: prose that names one (in backquotes) is never a section's edge.
        var i = LineIndex(document, start, 0);
        var j = i < 0 ? -1 : LineIndex(document, end, i);
        return i >= 0 && j > i
            ? document[..i] + block + document[(j + end.Length)..]
            : document.TrimEnd() + "\n\n" + block + "\n";
    }

    private static int LineIndex(string document, string marker, int from)
    {
        for (var k = document.IndexOf(marker, from, StringComparison.Ordinal); k >= 0; k = document.IndexOf(marker, k + 1, StringComparison.Ordinal))
        {
            var after = k + marker.Length;
            if ((k == 0 || document[k - 1] == '\n') && (after == document.Length || document[after] is '\n' or '\r')) return k;
        }
        return -1;
    }
}

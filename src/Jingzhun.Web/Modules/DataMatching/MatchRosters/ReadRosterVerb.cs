using System.Diagnostics;
using System.Globalization;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Excel;

namespace Jingzhun.Web.Modules.DataMatching.MatchRosters;

/// <summary>
/// <c>read-roster &lt;file&gt; --kind Medical</c>: reads a department roster with the upload's reader (<see cref="TableFileReader"/> and the
/// kind's layout) and counts its rows, nothing else: no database, no ID number looked at. The floor the bench compares the match with.
/// </summary>
internal sealed class ReadRosterVerb(IConfiguration config) : ICommandLineVerb
{
    public string Usage => "read-roster <file.csv|.xlsx> --kind <Medical|Death|...>";

    public Task<int?> RunAsync(string[] args, IServiceProvider root, CancellationToken ct)
    {
        if (args is not ["read-roster", var file, .. var rest]) return Task.FromResult<int?>(null);
        var kindText = rest.SkipWhile(a => a != "--kind").Skip(1).FirstOrDefault() ?? "";
        if (!Enum.TryParse<RosterKind>(kindText, true, out var kind) || !Enum.IsDefined(kind))
        {
            Console.Error.WriteLine("--kind: " + string.Join("|", Enum.GetNames<RosterKind>()));
            return Task.FromResult<int?>(2);
        }
        var clock = Stopwatch.StartNew();
        var rows = 0L;
        var chars = 0L;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan))
            foreach (var row in TableFileReader.Read(stream, RosterMatcher.LayoutOf(kind), ct, XlsxLimits.From(config)))
            {
                rows++;
                chars += row.Fields[0].Length; // touch the row, so that nothing is optimised away
            }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {rows} rows ({chars} ID characters) in {clock.Elapsed.TotalSeconds:0.000} s"));
        return Task.FromResult<int?>(0);
    }
}

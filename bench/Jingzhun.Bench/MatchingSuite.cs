using System.Globalization;
using System.Text;

namespace Jingzhun.Bench;

public static partial class Suites
{
    private const int RosterRows = 2_000_000, RosterOutsiders = 100_000, RosterInvalid = 300;

    /// <summary>
    /// 大数据比对 at province scale (issue 16): a 2,000,000-row 医保 roster (1,899,700 registry members, 100,000 valid ID numbers of
    /// people not in the registry, 300 invalid numbers) matched against the province (region 50, 1.9 M members) through the upload and
    /// its job, against reading the same file with the upload's CSV reader alone (<c>read-roster</c>), in the same run. Every run
    /// raises the same 疑点: the batch is withdrawn after each run (its 待核实 疑点 withdrawn, so the next batch raises them again).
    /// </summary>
    public static async Task MatchingAsync(Bench b)
    {
        await EnsureProvinceAsync(b);
        var roster = await EnsureRosterAsync(b);
        var rows = File.ReadLines(roster).LongCount() - 1;
        var rel = Rel(b, roster);
        var floorCmd = $"dotnet run -c Release --project src/Jingzhun.Web -- read-roster {rel} --kind Medical";

        await using var app = await AppServer.StartAsync(b, "Sqlite");
        var floor = new List<double>();
        var runs = new List<double>();
        var uploads = new List<double>();
        var withdrawals = new List<double>();
        var messages = new List<string>();
        var doubts = new List<double>();
        for (var i = 0; i < b.Runs; i++)
        {
            // The floor in the same run, just before each match: the upload's reader over the same file, in a process of its own.
            var read = await b.WebCliAsync("Sqlite", "read-roster", roster, "--kind", "Medical");
            var line = read.Output.Split('\n').Last(l => l.StartsWith("read ", StringComparison.Ordinal));
            floor.Add(double.Parse(line.Split(" in ")[1].Split(' ')[0], CultureInfo.InvariantCulture));
            Bench.Log($"floor run {i + 1}: {line} (load {Load()})");

            var upload = System.Diagnostics.Stopwatch.StartNew();
            var batch = await app.PostFileAsync("/api/v1/matching/batches", roster, new Dictionary<string, string>
            {
                ["kind"] = "Medical", ["period"] = $"2026年11月（压测 {i + 1}）", ["region"] = Province,
            });
            uploads.Add(upload.Elapsed.TotalSeconds);
            var id = batch.GetProperty("id").GetInt64();
            var (seconds, message) = await app.JobAsync(batch.GetProperty("jobId").GetInt64());
            runs.Add(seconds);
            messages.Add(message);
            var view = await app.GetJsonAsync($"/api/v1/matching/batches/{id}");
            var counts = view.GetProperty("batch");
            doubts.Add(counts.GetProperty("newDoubts").GetInt32());
            Bench.Log($"match run {i + 1}: {seconds:0.0} s (upload {uploads[^1]:0.0} s; load {Load()}; server peak so far {app.PeakMiB:0} MiB) — {message}");
            if (app.Output.Split('\n').LastOrDefault(l => l.Contains("members loaded", StringComparison.Ordinal)) is { } phases)
                Bench.Log("  " + phases.Trim());

            var w = System.Diagnostics.Stopwatch.StartNew();
            await app.PostJsonAsync($"/api/v1/matching/batches/{id}/withdraw",
                new { reason = "压测批次，撤回后下一轮重新比对", version = counts.GetProperty("version").GetInt32() });
            withdrawals.Add(w.Elapsed.TotalSeconds);
            Bench.Log($"  withdrawn in {withdrawals[^1]:0.0} s (server peak so far {app.PeakMiB:0} MiB)");
        }
        var value = Stats.Median(runs);
        var floorValue = Stats.Median(floor);
        var cmd = $"POST /api/v1/matching/batches (file {rel}, kind=Medical, region={Province}) → job start→finish";
        b.Add(new Figure("matching", "CSV reader alone over the roster (the floor)", floorCmd, floor, "s", "median", floorValue,
            Note: $"{rows:N0} rows, {new FileInfo(roster).Length / 1048576.0:0} MiB"));
        b.Add(new Figure("matching", $"Match of a {rows:N0}-row 医保 roster against the province (region {Province}), SQLite", cmd, runs, "s", "median",
            value, "CSV reader alone (same run)", floorValue, "≤ 60 s", value <= 60,
            $"{Stats.Median(doubts):N0} 疑点 raised per run; {messages[^1]}"));
        b.Add(new Figure("matching", "Match throughput", cmd, runs.Select(r => rows / r).ToList(), "rows/s", "median", rows / value,
            "CSV reader alone (same run)", rows / floorValue));
        b.Add(new Figure("matching", "Upload of the roster file (HTTP, before the job; not in the match time)", "POST /api/v1/matching/batches", uploads, "s",
            "median", Stats.Median(uploads), Target: "(informative)"));
        b.Add(new Figure("matching", "撤回 of the batch (its 待核实 疑点 withdrawn)", "POST /api/v1/matching/batches/{id}/withdraw", withdrawals, "s",
            "median", Stats.Median(withdrawals), Target: "(informative)"));
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>
    /// The 医保 roster (generated once per seed, kept): the ID numbers and names of the generated province (the chongqing CSV of the same
    /// seed, whose rows are those of the province database), 100,000 valid numbers of people who are not in it and a few hundred invalid
    /// ones, in a shuffled order, with 年度累计住院自付金额 spread so that a few percent reach the 5,000 and 20,000 yuan lines.
    /// </summary>
    private static async Task<string> EnsureRosterAsync(Bench b)
    {
        var path = Path.Combine(b.Work, $"roster-medical-{b.Seed}.csv");
        if (File.Exists(path)) return path;
        await EnsureCsvAsync(b);
        Bench.Log($"generating the 医保 roster into {path}");
        var members = new List<(string Id, string Name)>(1_906_000);
        using (var reader = new StreamReader(b.ProvinceCsv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            var header = Sample.Split(reader.ReadLine()!.TrimStart('\uFEFF'));
            int Col(params string[] names) => names.Select(n => header.FindIndex(h => h.Trim() == n)).First(i => i >= 0);
            int idAt = Col("身份证号码", "公民身份号码", "身份证号"), nameAt = Col("姓名", "成员姓名");
            for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                var f = Sample.Split(line);
                members.Add((f[idAt], f[nameAt]));
            }
        }
        var rng = new Random(b.Seed);
        var known = members.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var memberRows = RosterRows - RosterOutsiders - RosterInvalid;
        if (members.Count < memberRows) throw new InvalidOperationException($"the province has {members.Count} people, fewer than {memberRows}");
        // Shuffle the members and keep the first ones: a department's roster is in its own order, not the registry's.
        var people = members.ToArray();
        rng.Shuffle(people);
        var rows = new List<(string Id, string Name, bool Member)>(RosterRows);
        rows.AddRange(people.Take(memberRows).Select(p => (p.Id, p.Name, true)));
        // People not in the registry: valid numbers of the same counties, birth dates 1940–2015.
        var outsiders = new HashSet<string>(StringComparer.Ordinal);
        while (outsiders.Count < RosterOutsiders)
        {
            var address = people[rng.Next(people.Length)].Id[..6];
            var birth = new DateOnly(1940, 1, 1).AddDays(rng.Next(75 * 365));
            var first17 = address + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + rng.Next(1000).ToString("000", CultureInfo.InvariantCulture);
            var id = first17 + CheckCharacter(first17);
            if (!known.Contains(id) && outsiders.Add(id)) rows.Add((id, people[rng.Next(people.Length)].Name, false));
        }
        // Invalid numbers: a wrong check character, a digit missing, an impossible birth date (with a right check character).
        for (var i = 0; i < RosterInvalid; i++)
        {
            var id = people[rng.Next(people.Length)].Id;
            var bad = (i % 3) switch
            {
                0 => id[..17] + (CheckCharacter(id[..17]) == '0' ? '1' : '0'),
                1 => id[..16] + id[17],
                _ => id[..10] + "13" + id[12..17] is var f17 ? f17 + CheckCharacter(f17) : "",
            };
            rows.Add((bad, "号码有误", false));
        }
        var all = rows.ToArray();
        rng.Shuffle(all);
        var tmp = path + ".tmp";
        await using (var w = new StreamWriter(tmp, false, new UTF8Encoding(true), 1 << 20))
        {
            await w.WriteLineAsync("身份证号码,姓名,年度累计住院自付金额,截至日期,备注");
            foreach (var (id, name, member) in all)
            {
                // 96% under 5,000 yuan, 2.5% 5,000–19,999.99, 1% 20,000–80,000, 0.5% exactly on a line (5,000 or 20,000).
                var u = rng.NextDouble();
                var fen = u < 0.96 ? rng.Next(0, 500_000) : u < 0.985 ? rng.Next(500_000, 2_000_000) : u < 0.995 ? rng.Next(2_000_000, 8_000_000)
                    : (rng.Next(2) == 0 ? 500_000 : 2_000_000);
                var amount = (fen / 100m).ToString("0.##", CultureInfo.InvariantCulture);
                var note = member && fen >= 500_000 ? "多次住院" : "";
                await w.WriteLineAsync($"{id},{name},{amount},2026-11-30,{note}");
            }
        }
        File.Move(tmp, path, overwrite: true);
        Bench.Log($"roster: {memberRows:N0} members, {RosterOutsiders:N0} not in the registry, {RosterInvalid} invalid numbers " +
                  $"({new FileInfo(path).Length / 1048576.0:0} MiB)");
        return path;
    }

    private static char CheckCharacter(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * weights[i];
        return "10X98765432"[sum % 11];
    }
}

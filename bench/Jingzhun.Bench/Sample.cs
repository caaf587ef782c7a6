using System.Text;

namespace Jingzhun.Bench;

/// <summary>Search terms drawn from the generated province file: member names, household numbers, ID numbers, villages.</summary>
public sealed record Sample(List<string> Names, List<string> HouseholdNumbers, List<string> IdNumbers, List<string> Villages, List<string> Counties)
{
    /// <summary>Every <paramref name="every"/>-th data row of the CSV (columns found by their Chinese headers).</summary>
    public static Sample Read(string csv, int every = 4999)
    {
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = Split(reader.ReadLine() ?? throw new InvalidDataException($"{csv} is empty"));
        int Column(params string[] names) =>
            names.Select(n => header.FindIndex(h => h.Trim() == n)).FirstOrDefault(i => i >= 0, -1) is var i and >= 0
                ? i : throw new InvalidDataException($"{csv}: no column {string.Join(" / ", names)} in {string.Join(",", header)}");
        var name = Column("姓名", "成员姓名");
        var number = Column("户编号");
        var id = Column("身份证号码", "公民身份号码", "身份证号");
        var s = new Sample([], [], [], [], []);
        var row = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (row++ % every != 0) continue;
            var f = Split(line);
            s.Names.Add(f[name]);
            s.HouseholdNumbers.Add(f[number]);
            s.IdNumbers.Add(f[id]);
            // 户编号 = 12-digit village code + sequence (HouseholdNumbers.Format).
            s.Villages.Add(f[number][..12]);
            s.Counties.Add(f[number][..6]);
        }
        return s;
    }

    /// <summary>Households under a region code in a SQLite database (through the sqlite3 CLI, read-only).</summary>
    public static int CountHouseholds(string db, string region)
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sqlite3",
            ["-readonly", db, $"SELECT count(*) FROM households WHERE VillageCode LIKE '{region.Replace("'", "", StringComparison.Ordinal)}%'"])
            { RedirectStandardOutput = true })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return int.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One CSV record on one line (RFC 4180 quoting; the registry's fields hold no line breaks).</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Data;

namespace Jingzhun.Web.Modules.Registry.Transfer;

/// <summary>
/// Operations verbs: <c>import &lt;file&gt; --region &lt;code&gt; [--mode all|valid] [--dry-run]</c> and
/// <c>export &lt;file.csv|.xlsx&gt; --region &lt;code&gt; [--year YYYY]</c>. They run as the system on the given region.
/// </summary>
public static class TransferCommands
{
    public static async Task<int> ImportAsync(IServiceProvider sp, string file, string[] options, TextWriter output, CancellationToken ct)
    {
        var region = Option(options, "--region");
        var mode = Option(options, "--mode") switch { null or "all" => ImportMode.All, "valid" => ImportMode.Valid, var m => throw new InvalidDataException($"未知的导入模式 {m}（all 或 valid）") };
        var dryRun = options.Contains("--dry-run");
        if (region is null || !(region == "" || RegionCodes.IsValid(region)) || (region != "" && sp.GetRequiredService<RegionDirectory>().Find(region) is null))
            throw new InvalidDataException("请用 --region 指定导入的地区（系统中已有的行政区划代码）");
        await using var stream = File.OpenRead(file);
        var sha = Convert.ToHexString(await SHA256.HashDataAsync(stream, ct));
        stream.Position = 0;
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var result = await sp.GetRequiredService<RegistryImporter>().RunAsync(stream,
            new ImportOptions(region, mode, dryRun, "系统", null, Path.GetFileName(file), sha),
            p =>
            {
                if (clock.Elapsed - last < TimeSpan.FromSeconds(2)) return;
                last = clock.Elapsed;
                output.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F1}s 已读取 {p.Read} 行，已校验 {p.Validated} 行，已写入 {p.Written} 行");
            }, ct);
        output.WriteLine(result.Summary());
        output.WriteLine($"用时 {clock.Elapsed.TotalSeconds:F1} 秒（{result.Counts.Rows / Math.Max(clock.Elapsed.TotalSeconds, 0.001):F0} 行/秒）");
        foreach (var e in result.Errors.Take(20)) output.WriteLine($"  第 {e.Row} 行 [{e.Column}] {e.Message}");
        if (result.Errors.Count > 20) output.WriteLine($"  ……共 {result.Counts.Errors} 处错误");
        if (result.Written && !dryRun)
            output.WriteLine("已排队：该地区的两不愁三保障研判和防返贫监测预警（服务启动后执行）");
        return result.FileError is not null || result.Counts.Errors > 0 ? 1 : 0;
    }

    public static async Task<int> ExportAsync(IServiceProvider sp, string file, string[] options, TextWriter output, CancellationToken ct)
    {
        var region = Option(options, "--region") ?? "";
        int? year = Option(options, "--year") is { } y ? int.Parse(y, System.Globalization.CultureInfo.InvariantCulture) : null;
        var clock = Stopwatch.StartNew();
        var rows = sp.GetRequiredService<RegistryExporter>().Rows(region, year);
        // Written in the private folder and moved into place when complete: a killed export leaves no partial file
        // with full ID numbers behind (the private folder is cleared at the next start).
        var temp = sp.GetRequiredService<Platform.Files.PrivateTemp>().NewPath(Path.GetExtension(file));
        int n;
        try
        {
            await using (var stream = File.Create(temp))
            {
                n = file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
                    ? await RegistryWorkbook.WriteAsync(stream, rows, ct)
                    : RegistryWorkbook.WriteCsv(stream, rows);
            }
            File.Move(temp, Path.GetFullPath(file), overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        output.WriteLine($"已导出 {n} 行到 {file}，用时 {clock.Elapsed.TotalSeconds:F1} 秒");
        return 0;
    }

    private static string? Option(string[] options, string name)
    {
        var i = Array.IndexOf(options, name);
        return i >= 0 && i + 1 < options.Length ? options[i + 1] : null;
    }
}

using System.Diagnostics;

namespace Jingzhun.Bench;

/// <summary>A child process whose peak resident memory (VmHWM in /proc/&lt;pid&gt;/status) is sampled while it runs.</summary>
public sealed class Child : IDisposable
{
    private readonly Process process;
    private readonly Timer sampler;
    private readonly List<string> output = [];
    private long peakKb;
    private long cpuTicks;

    public Child(string file, IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? env = null,
        bool echo = false)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        Command = file + " " + string.Join(' ', info.ArgumentList);
        process = new Process { StartInfo = info };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.Add(e.Data);
            if (echo) Console.Error.WriteLine("    | " + e.Data);
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        sampler = new Timer(_ => Sample(), null, 0, 100);
    }

    public string Command { get; }
    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    /// <summary>Peak resident set of the process so far, in MiB (sampled every 200 ms and on demand).</summary>
    public double PeakMiB { get { Sample(); return Interlocked.Read(ref peakKb) / 1024.0; } }

    public string Output { get { lock (output) return string.Join('\n', output); } }

    /// <summary>CPU time (user + system) of the process as last sampled, in seconds: less sensitive than wall time to a busy machine.</summary>
    public double CpuSeconds => Interlocked.Read(ref cpuTicks) / 100.0;

    private void Sample()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                    && long.TryParse(line[6..].Trim().Split(' ')[0], out var kb) && kb > Interlocked.Read(ref peakKb))
                    Interlocked.Exchange(ref peakKb, kb);
        }
        catch (IOException) { } // the process has exited between samples
        catch (InvalidOperationException) { }
        try
        {
            // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks (100 a second), after the ")" of the name.
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(f[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(f[12], System.Globalization.CultureInfo.InvariantCulture);
            if (ticks > Interlocked.Read(ref cpuTicks)) Interlocked.Exchange(ref cpuTicks, ticks);
        }
        catch (IOException) { }
        catch (InvalidOperationException) { }
        catch (FormatException) { }
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        sampler.Change(Timeout.Infinite, Timeout.Infinite);
        return process.ExitCode;
    }

    /// <summary>Runs to the end; throws with the output when it fails.</summary>
    public static async Task<(double Seconds, double PeakMiB, string Output, double CpuSeconds)> RunAsync(string file, IEnumerable<string> args,
        string? workingDirectory = null, IDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var sw = Stopwatch.StartNew();
        using var child = new Child(file, args, workingDirectory, env);
        var code = await child.WaitAsync(timeout ?? TimeSpan.FromMinutes(30));
        var seconds = sw.Elapsed.TotalSeconds;
        if (code != 0) throw new InvalidOperationException($"{child.Command} exited with {code}:\n{child.Output}");
        return (seconds, child.PeakMiB, child.Output, child.CpuSeconds);
    }

    public void Dispose()
    {
        sampler.Dispose();
        if (!process.HasExited) { process.Kill(entireProcessTree: true); process.WaitForExit(5000); }
        process.Dispose();
    }
}

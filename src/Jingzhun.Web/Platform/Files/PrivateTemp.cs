namespace Jingzhun.Web.Platform.Files;

/// <summary>
/// The private folder for temporary files (exports on their way to the browser, MiniExcel's shared-string cache, the
/// form reader's upload buffers): <c>Files:TempPath</c>, default <c>data/tmp</c>, created 0700 on Unix — never the
/// world-readable system temp folder, since these files carry full ID numbers. Each process run works in a folder of
/// its own holding a lock file; at start-up the folders of runs that are gone (killed mid-export) are removed.
/// </summary>
public sealed class PrivateTemp : IDisposable
{
    private const string LockName = ".lock";
    private readonly FileStream _lock;

    public string Root { get; }
    /// <summary>This run's folder.</summary>
    public string Folder { get; }

    public PrivateTemp(IConfiguration config, IWebHostEnvironment env)
    {
        Root = RootOf(config, env.ContentRootPath);
        CreatePrivate(Root);
        Folder = Path.Combine(Root, "run-" + Guid.NewGuid().ToString("N"));
        CreatePrivate(Folder);
        _lock = new FileStream(Path.Combine(Folder, LockName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    public static string RootOf(IConfiguration config, string contentRoot) => Path.GetFullPath(config["Files:TempPath"] ?? "data/tmp", contentRoot);

    /// <summary>A new, unused path in this run's folder.</summary>
    public string NewPath(string extension = "") => Path.Combine(Folder, Guid.NewGuid().ToString("N") + extension);

    /// <summary>A file that deletes itself once closed, for a response body.</summary>
    public static FileStream OpenForSending(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    public static void CreatePrivate(string dir)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
        else
        {
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // An existing folder keeps its mode: tighten it.
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Removes what earlier runs left behind (their lock is free): partial exports, caches, upload buffers.</summary>
    public int RemoveLeftovers()
    {
        var removed = 0;
        foreach (var dir in Directory.EnumerateDirectories(Root, "run-*"))
        {
            if (dir == Folder) continue;
            try
            {
                var lockFile = Path.Combine(dir, LockName);
                if (File.Exists(lockFile))
                    using (new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                removed += Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Count(f => Path.GetFileName(f) != LockName);
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException) { } // another running instance holds it
            catch (UnauthorizedAccessException) { }
        }
        // Upload buffers of the form reader (ASPNETCORE_TEMP points at the root) from a run that was killed.
        foreach (var file in Directory.EnumerateFiles(Root))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddHours(-6)) { File.Delete(file); removed++; }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    public void Dispose()
    {
        _lock.Dispose();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>At start-up: removes the partial files earlier runs left in the private folder (a kill -9 during an export).</summary>
public sealed class PrivateTempCleanup(PrivateTemp temp, ILogger<PrivateTempCleanup> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var n = temp.RemoveLeftovers();
        if (n > 0) log.LogInformation("已清除上次运行遗留的临时文件 {Count} 个", n);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

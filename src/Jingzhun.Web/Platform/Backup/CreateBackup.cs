using System.Globalization;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Platform.Backup;

/// <summary>
/// One backup folder: the database copy, the key ring encrypted under the passphrase (when one is given) and the
/// manifest, written last, so a folder without manifest.json is an unfinished backup and never restored or listed.
/// </summary>
public static class BackupWriter
{
    public static async Task<BackupManifest> WriteAsync(BackupSettings s, string folder, string? passphrase, TimeProvider clock, CancellationToken ct)
    {
        folder = Path.GetFullPath(folder);
        if (passphrase is not null && passphrase.Length < KeyRingArchive.MinimumPassphraseLength)
            throw new BackupException($"备份口令至少 {KeyRingArchive.MinimumPassphraseLength} 个字符");
        var created = !Directory.Exists(folder);
        if (!created && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new BackupException($"目标目录 {folder} 不是空目录；请指定一个新的目录");
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var at = clock.GetUtcNow().UtcDateTime;
            var dbFile = BackupDatabase.FileNameFor(s.Provider);
            await BackupDatabase.DumpAsync(s, Path.Combine(folder, dbFile), ct);
            var files = new List<BackupFileEntry> { await BackupManifest.DescribeAsync(folder, dbFile, ct) };
            string? lookupSource = null;
            if (passphrase is not null)
            {
                var archive = KeyRingArchive.Export(s.KeysPath, s.ConfiguredLookupKey, passphrase);
                var keyFile = Path.Combine(folder, KeyRingArchive.FileName);
                await File.WriteAllBytesAsync(keyFile, archive, ct);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                files.Add(await BackupManifest.DescribeAsync(folder, KeyRingArchive.FileName, ct));
                lookupSource = s.ConfiguredLookupKey is null ? "file" : "configuration";
            }
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, at, s.Provider.ToString(), BackupManifest.CurrentAppVersion,
                passphrase is not null, lookupSource, files);
            await manifest.WriteAsync(folder, ct);
            return manifest;
        }
        catch (Exception) when (created)
        {
            // Nothing half-written stays behind under a backup's name.
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
            throw;
        }
    }

    public static string Describe(BackupManifest m) =>
        $"{ChinaTime.Format(m.CreatedAt)}（北京时间），{FormatSize(m.TotalBytes)}，{(m.KeyRingIncluded ? "含加密的密钥环" : "不含密钥环")}";

    public static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / 1024.0 / 1024).ToString("F1", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1024.0 / 1024 / 1024).ToString("F2", CultureInfo.InvariantCulture) + " GB",
    };
}

/// <summary>One backup at a time in this process (the page, the schedule and the command share it).</summary>
public sealed class BackupGate
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        if (!await _one.WaitAsync(TimeSpan.Zero)) throw new BackupException("已有一个备份正在进行，请稍后再试");
        try { return await work(); }
        finally { _one.Release(); }
    }
}

public sealed record BackupResult(string Name, string Folder, BackupManifest Manifest);

/// <summary>
/// 立即备份 (the page, the API and the schedule): a new folder under Backup:Path named by Beijing time, the key ring
/// included when a passphrase is configured; audited.
/// </summary>
public sealed class CreateBackupHandler(AppDbContext db, BackupSettings settings, BackupGate gate, TimeProvider clock)
{
    public Task<BackupResult> CreateAsync(CancellationToken ct) => CreateAsync(null, settings.ConfiguredPassphrase(), ct);

    public Task<BackupResult> CreateAsync(string? folder, string? passphrase, CancellationToken ct) => gate.RunAsync(async () =>
    {
        folder ??= NewFolder();
        var manifest = await BackupWriter.WriteAsync(settings, folder, passphrase, clock, ct);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        await db.RecordAsync(AuditAction.Create, BackupCatalog.AuditEntityType, name, null, "",
            Truncate($"数据库备份 {name}：{BackupWriter.Describe(manifest)}"), ct);
        return new BackupResult(name, folder, manifest);
    });

    private string NewFolder()
    {
        Directory.CreateDirectory(settings.BackupPath);
        var stamp = ChinaTime.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var folder = Path.Combine(settings.BackupPath, "jingzhun-" + stamp);
        for (var i = 2; Directory.Exists(folder); i++) folder = Path.Combine(settings.BackupPath, $"jingzhun-{stamp}-{i}");
        return folder;
    }

    internal static string Truncate(string s) => s.Length <= 200 ? s : s[..200];
}

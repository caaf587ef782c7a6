using System.Globalization;
using System.Text.Json;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.ImportHouseholds;

/// <summary>
/// Deletes the kept files of imports (original upload, result, error workbooks) older than Import:KeepDays (default
/// 30), at start-up and then every few hours; each run that deletes anything writes one audit entry naming the imports
/// (docs/adr/0003). The audit entry of an import itself stays.
/// </summary>
public sealed class ImportFilesCleanup(ImportFiles files, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportFilesCleanup> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);
    /// <summary>The first round waits a little after start-up (the database is migrated, restarted imports re-queued).</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(FirstDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException
                                          or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
            {
                // The database may not be ready on the very first start; the next round retries.
                log.LogWarning(e, "清理过期导入文件失败");
            }
            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Deletes what is older than the keep period; returns the names of the deleted import folders.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct)
    {
        if (!Directory.Exists(files.Root)) return [];
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-files.KeepDays);
        var deleted = new List<string>();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // An import still queued or running keeps its files, however old.
        var active = (await db.Jobs.AcrossScopes("retention looks at every import job")
                .Where(j => j.Kind == ImportHouseholdsHandler.JobKind && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
                .Select(j => j.Parameters).ToListAsync(ct))
            .Select(p => JsonSerializer.Deserialize<ImportParameters>(p)?.Folder).ToHashSet();
        foreach (var dir in Directory.EnumerateDirectories(files.Root))
        {
            var name = Path.GetFileName(dir);
            if (active.Contains(name)) continue;
            var made = name.Length >= 14 && DateTime.TryParseExact(name[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : Directory.GetLastWriteTimeUtc(dir);
            if (made >= cutoff) continue;
            try
            {
                Directory.Delete(dir, recursive: true);
                deleted.Add(name);
            }
            catch (IOException e) { log.LogWarning(e, "无法删除过期导入文件 {Folder}", name); }
        }
        if (deleted.Count == 0) return deleted;
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, UserName = "系统", Action = AuditAction.Delete, EntityType = "RegistryImportFiles", EntityId = deleted.Count.ToString(CultureInfo.InvariantCulture),
            RegionCode = "", Summary = $"按保留期限（{files.KeepDays} 天）删除导入文件 {deleted.Count} 份（原始文件、结果和错误清单）",
            Changes = JsonSerializer.Serialize(new { keepDays = files.KeepDays, folders = deleted }),
        });
        await db.SaveChangesAsync(ct);
        log.LogInformation("已按保留期限删除导入文件 {Count} 份", deleted.Count);
        return deleted;
    }
}

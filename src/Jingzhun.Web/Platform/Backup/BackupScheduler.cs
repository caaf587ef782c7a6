using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Platform.Backup;

/// <summary>The last scheduled run, for the page (a failed night shows there, not only in the log).</summary>
public sealed class BackupScheduleStatus
{
    public DateTime? LastRunAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>
/// The daily backup at Backup:DailyAt (Beijing time) into Backup:Path, then the retention (Backup:KeepDays).
/// Without a configured passphrase only the database is backed up, and the page says so.
/// </summary>
public sealed class BackupScheduler(IServiceScopeFactory scopes, BackupSettings settings, BackupScheduleStatus status, TimeProvider clock,
    ILogger<BackupScheduler> log) : BackgroundService
{
    /// <summary>The next run strictly after <paramref name="nowUtc"/>, in UTC.</summary>
    public static DateTime NextRun(DateTime nowUtc, TimeOnly dailyAt) => ChinaTime.NextDaily(nowUtc, dailyAt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.DailyAt is not { } at) return;
        log.LogInformation("每日自动备份：北京时间 {At}，保存到 {Path}，保留 {Days} 天", at.ToString("HH:mm"), settings.BackupPath, settings.KeepDays);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            try
            {
                await Task.Delay(NextRun(now, at) - now, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await RunOnceAsync(stoppingToken);
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        status.LastRunAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            using var scope = scopes.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<CreateBackupHandler>().CreateAsync(ct);
            if (!result.Manifest.KeyRingIncluded)
                log.LogWarning("每日备份 {Name} 只含数据库：未配置 Backup:Passphrase，密钥环没有备份", result.Name);
            var deleted = await scope.ServiceProvider.GetRequiredService<BackupCatalog>().PruneAsync(ct);
            log.LogInformation("每日备份完成：{Name}；删除过期备份 {Count} 个", result.Name, deleted.Count);
            status.LastError = null;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException
                                      or System.Data.Common.DbException)
        {
            status.LastError = e.Message;
            log.LogError(e, "每日备份失败：{Message}", e.Message);
        }
    }
}

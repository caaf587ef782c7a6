using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Data;

namespace Jingzhun.Web.Platform.Backup;

public sealed record BackupEntry(string Name, string Folder, BackupManifest Manifest);

/// <summary>The backups under Backup:Path (finished ones: with a manifest), newest first, and their retention.</summary>
public sealed class BackupCatalog(AppDbContext db, BackupSettings settings, TimeProvider clock)
{
    public const string AuditEntityType = "Backup";

    public async Task<IReadOnlyList<BackupEntry>> ListAsync(CancellationToken ct)
    {
        if (!Directory.Exists(settings.BackupPath)) return [];
        var list = new List<BackupEntry>();
        foreach (var dir in Directory.EnumerateDirectories(settings.BackupPath))
        {
            BackupManifest? m;
            try { m = await BackupManifest.ReadAsync(dir, ct); }
            catch (BackupException) { continue; }
            if (m is not null) list.Add(new BackupEntry(Path.GetFileName(dir), dir, m));
        }
        return list.OrderByDescending(b => b.Manifest.CreatedAt).ToList();
    }

    /// <summary>
    /// Deletes the backups older than Backup:KeepDays, each audited. The newest backup is always kept, however old:
    /// a schedule that stopped working must not end with no backup at all.
    /// </summary>
    public async Task<IReadOnlyList<string>> PruneAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-settings.KeepDays);
        var deleted = new List<string>();
        foreach (var b in (await ListAsync(ct)).Skip(1).Where(b => b.Manifest.CreatedAt < cutoff))
        {
            Directory.Delete(b.Folder, recursive: true);
            deleted.Add(b.Name);
            await db.RecordAsync(AuditAction.Delete, AuditEntityType, b.Name, null, "",
                CreateBackupHandler.Truncate($"删除超过保留期（{settings.KeepDays} 天）的备份 {b.Name}：{BackupWriter.Describe(b.Manifest)}"), ct);
        }
        return deleted;
    }
}

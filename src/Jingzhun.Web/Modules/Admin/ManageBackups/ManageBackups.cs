using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Backup;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Admin.ManageBackups;

public sealed record BackupRow(string Name, DateTime CreatedAt, string CreatedAtBeijing, long Bytes, string Size, bool KeyRingIncluded,
    string Provider, string AppVersion);

public sealed record BackupSchedule(string? DailyAt, int KeepDays, string Path, bool PassphraseConfigured, string KeysPath,
    DateTime? LastRunAt, string? LastError);

public sealed record BackupsView(IReadOnlyList<BackupRow> Backups, BackupSchedule Schedule);

/// <summary>数据备份 for the system administrator: the backups on disk, the schedule, and 立即备份 (the command's handler).</summary>
public sealed class ManageBackupsHandler(CreateBackupHandler create, BackupCatalog catalog, BackupSettings settings, BackupScheduleStatus status)
{
    public async Task<BackupsView> ListAsync(CancellationToken ct)
    {
        var rows = (await catalog.ListAsync(ct)).Select(b => Row(b.Name, b.Manifest)).ToList();
        string? passphraseProblem = null;
        var hasPassphrase = false;
        try { hasPassphrase = settings.ConfiguredPassphrase() is not null; }
        catch (BackupException e) { passphraseProblem = e.Message; }
        return new BackupsView(rows, new BackupSchedule(settings.DailyAt?.ToString("HH:mm"), settings.KeepDays, settings.BackupPath,
            hasPassphrase, settings.KeysPath, status.LastRunAt, passphraseProblem ?? status.LastError));
    }

    public async Task<Outcome<BackupRow>> CreateNowAsync(CancellationToken ct)
    {
        try
        {
            var r = await create.CreateAsync(ct);
            return Row(r.Name, r.Manifest);
        }
        catch (BackupException e)
        {
            return Failure.Conflict(e.Message);
        }
    }

    private static BackupRow Row(string name, BackupManifest m) => new(name, m.CreatedAt, ChinaTime.ToLocal(m.CreatedAt).ToString("yyyy-MM-dd HH:mm:ss"),
        m.TotalBytes, BackupWriter.FormatSize(m.TotalBytes), m.KeyRingIncluded, m.Provider, m.AppVersion);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/admin/backups").WithTags("数据备份").RequireAuthorization(Permissions.SystemBackup);
        g.MapGet("", async (ManageBackupsHandler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(ct)))
            .WithName("ListBackups").WithSummary("备份列表与自动备份设置（系统管理员）");
        g.MapPost("", async (ManageBackupsHandler h, CancellationToken ct) =>
                (await h.CreateNowAsync(ct)).ToHttp(row => TypedResults.Created($"/api/v1/admin/backups/{row.Name}", row)))
            .WithName("CreateBackup").WithSummary("立即备份（数据库，以及配置了口令时加密的密钥环；留痕）");
    }
}

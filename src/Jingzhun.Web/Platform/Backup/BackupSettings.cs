using Jingzhun.Web.Platform.Data;

namespace Jingzhun.Web.Platform.Backup;

/// <summary>
/// Where the database, the key ring and the backups are, read from configuration the same way the app reads them:
/// <c>Backup:Path</c> (default data/backups), <c>Backup:DailyAt</c> (Beijing time "HH:mm", empty = no schedule),
/// <c>Backup:KeepDays</c> (default 14), <c>Backup:Passphrase</c> or <c>Backup:PassphraseFile</c>.
/// </summary>
public sealed record BackupSettings(
    DatabaseProvider Provider, string ConnectionString, string KeysPath, byte[]? ConfiguredLookupKey,
    string BackupPath, TimeOnly? DailyAt, int KeepDays, string? PgBinPath, IConfiguration Configuration)
{
    public const string PassphraseVariable = "JINGZHUN_BACKUP_PASSPHRASE";

    public static BackupSettings From(IConfiguration config)
    {
        var provider = DatabaseSetup.ProviderOf(config);
        var cs = provider == DatabaseProvider.Postgres
            // With a primary and standbys (docs/operations.md), backups and restores work on the primary.
            ? ReadReplicas.PrimaryOf(config.GetConnectionString("Postgres") ?? throw new BackupException("缺少 ConnectionStrings:Postgres 配置"))
            : config.GetConnectionString("Sqlite") ?? DatabaseSetup.DefaultSqlite;
        TimeOnly? at = null;
        if (config["Backup:DailyAt"] is { Length: > 0 } text)
            at = TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm"], out var t) ? t
                : throw new BackupException($"Backup:DailyAt 的值“{text}”不是有效的时间，应为北京时间 HH:mm，例如 02:30");
        return new BackupSettings(
            provider, cs,
            Protection.ProtectionKeys.KeysPath(config),
            config["Protection:LookupKey"] is { Length: > 0 } b64 ? Convert.FromBase64String(b64) : null,
            Path.GetFullPath(config["Backup:Path"] is { Length: > 0 } p ? p : "data/backups"),
            at,
            Math.Max(1, config.GetValue("Backup:KeepDays", 14)),
            config["Backup:PgBinPath"],
            config);
    }

    /// <summary>The configured passphrase for scheduled and page-started backups (null: the key ring is not backed up).</summary>
    public string? ConfiguredPassphrase()
    {
        if (Configuration["Backup:Passphrase"] is { Length: > 0 } p) return p;
        if (Configuration["Backup:PassphraseFile"] is { Length: > 0 } file)
        {
            if (!File.Exists(file)) throw new BackupException($"找不到口令文件 {file}（Backup:PassphraseFile）");
            return ReadPassphraseFile(file);
        }
        return null;
    }

    /// <summary>The first line of a passphrase file, without the line break.</summary>
    public static string ReadPassphraseFile(string file)
    {
        var text = File.ReadAllText(file);
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}

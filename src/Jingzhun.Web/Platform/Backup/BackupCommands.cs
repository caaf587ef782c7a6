using System.Data.Common;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Data;

namespace Jingzhun.Web.Platform.Backup;

/// <summary>
/// <c>backup &lt;dir&gt; [--passphrase-file F] [--without-keys]</c> and <c>restore &lt;dir&gt; [--passphrase-file F] [--force]</c>.
/// The passphrase comes from the file, else the environment variable JINGZHUN_BACKUP_PASSPHRASE, else Backup:Passphrase
/// or Backup:PassphraseFile; it is never read from the command line (shell history, ps).
/// </summary>
public static class BackupCommands
{
    public const string BackupUsage = "backup <目录> [--passphrase-file <口令文件>] [--without-keys]   备份数据库和加密的密钥环（口令也可由环境变量 JINGZHUN_BACKUP_PASSPHRASE 提供）";
    public const string RestoreUsage = "restore <目录> [--passphrase-file <口令文件>] [--force]         从备份恢复（须先停止服务，服务运行时拒绝恢复；目标库有数据时需 --force）";

    public static IServiceCollection AddBackups(this IServiceCollection services, IConfiguration config) => services
        .AddSingleton(BackupSettings.From(config))
        .AddSingleton<BackupGate>()
        .AddCommandLineVerb<BackupVerb>()
        .AddCommandLineVerb<RestoreVerb>()
        .AddSingleton<ServerDatabaseClaim>()
        .AddSingleton<BackupScheduleStatus>()
        .AddScoped<CreateBackupHandler>()
        .AddScoped<BackupCatalog>()
        .AddSingleton<BackupScheduler>()
        .AddHostedService(sp => sp.GetRequiredService<BackupScheduler>());

    /// <summary>Runs a verb; returns the exit code (0 done, 1 refused or failed, 2 bad usage).</summary>
    public static async Task<int> RunAsync(string verb, string[] args, BackupSettings settings, IServiceProvider? services,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            error.WriteLine("用法：" + (verb == "backup" ? BackupUsage : RestoreUsage));
            return 2;
        }
        var folder = args[0];
        string? passphraseFile = null;
        bool force = false, withoutKeys = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--passphrase-file" when i + 1 < args.Length: passphraseFile = args[++i]; break;
                case "--force" when verb == "restore": force = true; break;
                case "--without-keys" when verb == "backup": withoutKeys = true; break;
                default:
                    error.WriteLine($"错误：无法识别的参数 {args[i]}");
                    error.WriteLine("用法：" + (verb == "backup" ? BackupUsage : RestoreUsage));
                    return 2;
            }
        }
        var clock = services?.GetService<TimeProvider>() ?? TimeProvider.System;
        try
        {
            var passphrase = withoutKeys ? null : Passphrase(passphraseFile, settings);
            if (verb == "backup")
            {
                if (passphrase is null && !withoutKeys)
                    throw new BackupException($"请提供备份口令（--passphrase-file 或环境变量 {BackupSettings.PassphraseVariable}）以加密导出密钥环；"
                                              + "只备份数据库请加 --without-keys（密钥环须另行保管）");
                BackupManifest manifest;
                if (services is not null)
                {
                    using var scope = services.CreateScope();
                    manifest = (await scope.ServiceProvider.GetRequiredService<CreateBackupHandler>().CreateAsync(folder, passphrase, ct)).Manifest;
                }
                else manifest = await BackupWriter.WriteAsync(settings, folder, passphrase, clock, ct);
                output.WriteLine($"备份完成：{Path.GetFullPath(folder)}");
                output.WriteLine($"  {BackupWriter.Describe(manifest)}");
                foreach (var f in manifest.Files) output.WriteLine($"  {f.Name,-16} {BackupWriter.FormatSize(f.Bytes),10}  SHA-256 {f.Sha256}");
                if (!manifest.KeyRingIncluded)
                    output.WriteLine($"警告：本备份不含密钥环。密钥目录 {settings.KeysPath} 须另行保管，丢失后所有身份证号码和电话无法解密。");
                return 0;
            }

            var restored = await BackupRestorer.RestoreAsync(settings, folder, passphrase, force, output, clock, ct);
            if (services is not null) await RecordRestoreAsync(services, folder, restored, output, ct);
            output.WriteLine("恢复完成。请启动服务，并抽查按身份证号码查询和查看完整证件号是否正常。");
            return 0;
        }
        catch (BackupException e)
        {
            error.WriteLine($"错误：{e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException)
        {
            error.WriteLine($"错误：{(verb == "backup" ? "备份" : "恢复")}失败：{e.Message}");
            return 1;
        }
    }

    private static string? Passphrase(string? file, BackupSettings settings)
    {
        if (file is not null)
        {
            if (!File.Exists(file)) throw new BackupException($"找不到口令文件 {file}");
            return BackupSettings.ReadPassphraseFile(file);
        }
        if (Environment.GetEnvironmentVariable(BackupSettings.PassphraseVariable) is { Length: > 0 } env) return env;
        return settings.ConfiguredPassphrase();
    }

    /// <summary>The restored database records its own restore (after bringing its schema up to this version).</summary>
    private static async Task RecordRestoreAsync(IServiceProvider services, string folder, BackupManifest m, TextWriter output, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db, ct);
        await db.RecordAsync(AuditAction.Update, BackupCatalog.AuditEntityType, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))),
            null, "", CreateBackupHandler.Truncate($"从备份恢复：{BackupWriter.Describe(m)}"), ct);
        output.WriteLine("已在操作日志中记录本次恢复");
    }
}

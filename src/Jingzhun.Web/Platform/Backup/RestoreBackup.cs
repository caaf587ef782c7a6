using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Platform.Backup;

/// <summary>
/// Restores a backup folder into the configured database and key folder, with the server stopped. Every check comes
/// before the first write: that no server runs on the target database (never overridden, <c>--force</c> included:
/// the restore holds the database's claim until it is done, see <see cref="DatabaseClaim"/>), the manifest and each
/// file's SHA-256, the passphrase (by decrypting the key ring), the provider, and that the target database holds no
/// households (unless forced). Key files found in the key folder are moved aside, never deleted.
/// </summary>
public static class BackupRestorer
{
    public static async Task<BackupManifest> RestoreAsync(BackupSettings s, string folder, string? passphrase, bool force, TextWriter log,
        TimeProvider clock, CancellationToken ct)
    {
        folder = Path.GetFullPath(folder);
        if (!Directory.Exists(folder)) throw new BackupException($"找不到备份目录 {folder}");
        await using var claim = await DatabaseClaim.TryTakeAsync(s.Provider, s.ConnectionString, exclusive: true, ct)
            ?? throw new BackupException($"服务正在运行，正在使用{DatabaseClaim.Describe(s.Provider, s.ConnectionString)}：恢复会替换运行中服务的数据库，已停止。"
                                         + "请先停止服务（所有实例，如 systemctl stop jingzhun），再执行恢复；--force 不能跳过此项检查。");
        var manifest = await BackupManifest.ReadAsync(folder, ct)
            ?? throw new BackupException($"{folder} 中没有 {BackupManifest.FileName}：不是完整的备份（可能备份未完成）");
        log.WriteLine($"备份：{BackupWriter.Describe(manifest)}，数据库 {manifest.Provider}，程序版本 {manifest.AppVersion}");
        if (!string.Equals(manifest.Provider, s.Provider.ToString(), StringComparison.OrdinalIgnoreCase))
            throw new BackupException($"这是 {manifest.Provider} 数据库的备份，当前配置的数据库是 {s.Provider}（Database:Provider），无法恢复");
        await manifest.VerifyAsync(folder, ct);
        log.WriteLine("清单与文件校验（SHA-256）通过");

        IReadOnlyDictionary<string, byte[]>? keys = null;
        if (manifest.KeyRingIncluded)
        {
            if (string.IsNullOrEmpty(passphrase))
                throw new BackupException($"本备份含加密的密钥环：请用 --passphrase-file 或环境变量 {BackupSettings.PassphraseVariable} 提供备份口令");
            keys = KeyRingArchive.Open(await File.ReadAllBytesAsync(Path.Combine(folder, KeyRingArchive.FileName), ct), passphrase);
            log.WriteLine($"密钥环解密成功（{keys.Count} 个文件）");
        }
        else
        {
            log.WriteLine("警告：本备份不含密钥环。恢复后身份证号码和电话只能用原来的密钥环解密；若原密钥环已丢失，这些数据无法找回。");
        }

        var households = await BackupDatabase.CountHouseholdsAsync(s, ct);
        if (households > 0 && !force)
            throw new BackupException($"目标数据库已有 {households} 户数据，为防止误覆盖已停止恢复；确认要用备份覆盖它，请加 --force");

        var dbFile = manifest.Files.FirstOrDefault(f => f.Name is BackupDatabase.SqliteFile or BackupDatabase.PostgresFile)
            ?? throw new BackupException("备份中没有数据库文件");
        await BackupDatabase.LoadAsync(s, Path.Combine(folder, dbFile.Name), ct);
        log.WriteLine(households > 0 ? $"数据库已恢复（覆盖了原有的 {households} 户数据）" : "数据库已恢复");

        if (keys is not null)
        {
            var aside = WriteKeys(s.KeysPath, keys, clock);
            log.WriteLine($"密钥环已恢复到 {s.KeysPath}");
            if (aside is not null) log.WriteLine($"原密钥目录中的文件已移到 {aside}（未删除）");
            if (s.ConfiguredLookupKey is not null && keys.TryGetValue(KeyRingArchive.LookupKeyFile, out var lk)
                && !Convert.ToBase64String(s.ConfiguredLookupKey).Equals(System.Text.Encoding.ASCII.GetString(lk).Trim(), StringComparison.Ordinal))
                log.WriteLine("警告：配置中的 Protection:LookupKey 与备份中的查询密钥不同，按身份证号查询将找不到人：请删除该配置（使用恢复的 lookup.key）或改为备份中的值。");
        }
        return manifest;
    }

    private static string? WriteKeys(string keysPath, IReadOnlyDictionary<string, byte[]> keys, TimeProvider clock)
    {
        string? aside = null;
        if (Directory.Exists(keysPath) && Directory.EnumerateFileSystemEntries(keysPath).Any())
        {
            var stamp = ChinaTime.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
            aside = Path.TrimEndingDirectorySeparator(keysPath) + ".before-restore-" + stamp;
            Directory.Move(keysPath, aside);
        }
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(keysPath);
        else Directory.CreateDirectory(keysPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var (name, content) in keys)
        {
            var path = Path.Combine(keysPath, name);
            File.WriteAllBytes(path, content);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return aside;
    }
}

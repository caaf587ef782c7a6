using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jingzhun.Web.Platform.Backup;

public sealed record BackupFileEntry(string Name, long Bytes, string Sha256);

/// <summary>manifest.json of a backup folder: what was backed up, when (UTC), from which provider and app version,
/// and the size and SHA-256 of each file, checked before anything is restored.</summary>
public sealed record BackupManifest(
    int Format, DateTime CreatedAt, string Provider, string AppVersion, bool KeyRingIncluded, string? LookupKeySource,
    IReadOnlyList<BackupFileEntry> Files)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [JsonIgnore] public long TotalBytes => Files.Sum(f => f.Bytes);

    public static string CurrentAppVersion =>
        typeof(BackupManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BackupManifest).Assembly.GetName().Version?.ToString() ?? "unknown";

    public async Task WriteAsync(string folder, CancellationToken ct)
    {
        var temp = Path.Combine(folder, FileName + ".tmp");
        await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(this, Json), ct);
        File.Move(temp, Path.Combine(folder, FileName), overwrite: true);
    }

    /// <summary>The folder's manifest, or null when there is none (not a backup, or one that never finished).</summary>
    public static async Task<BackupManifest?> ReadAsync(string folder, CancellationToken ct)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file)) return null;
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllBytesAsync(file, ct), Json);
        }
        catch (JsonException e)
        {
            throw new BackupException($"备份清单 {file} 无法读取：{e.Message}", e);
        }
    }

    public static async Task<BackupFileEntry> DescribeAsync(string folder, string name, CancellationToken ct)
    {
        var path = Path.Combine(folder, name);
        await using var s = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(s, ct);
        return new BackupFileEntry(name, s.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>Every listed file is there with its size and SHA-256; refuses otherwise.</summary>
    public async Task VerifyAsync(string folder, CancellationToken ct)
    {
        if (Format != CurrentFormat) throw new BackupException($"备份清单格式版本 {Format} 不受支持（本程序支持版本 {CurrentFormat}）");
        foreach (var f in Files)
        {
            if (f.Name != Path.GetFileName(f.Name)) throw new BackupException($"备份清单中的文件名不合法：{f.Name}");
            if (!File.Exists(Path.Combine(folder, f.Name))) throw new BackupException($"备份缺少文件 {f.Name}，未做任何恢复");
            var actual = await DescribeAsync(folder, f.Name, ct);
            if (actual.Bytes != f.Bytes || !string.Equals(actual.Sha256, f.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new BackupException($"文件 {f.Name} 校验失败（大小或 SHA-256 与清单不符），备份可能已损坏或被改动；未做任何恢复");
        }
    }
}

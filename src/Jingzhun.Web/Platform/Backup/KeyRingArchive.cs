using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Jingzhun.Web.Platform.Backup;

/// <summary>
/// The Data Protection key ring and the ID-lookup key, exported with a backup encrypted under the operator's
/// passphrase (never in clear). File format "keyring.jzk", version 1 (all integers big-endian):
/// <code>
/// offset  size  field
///      0     4  magic "JZKR"
///      4     1  version = 1
///      5     4  PBKDF2-HMAC-SHA256 iteration count (≥ 600,000)
///      9    16  salt (random)
///     25    12  AES-GCM nonce (random)
///     37    16  AES-GCM tag
///     53     …  ciphertext: AES-256-GCM of a zip of the key folder's files; the key is PBKDF2(passphrase as UTF-8,
///               salt, iterations, 32 bytes); bytes 0–36 of the header are the associated data
/// </code>
/// </summary>
public static class KeyRingArchive
{
    public const string FileName = "keyring.jzk";
    public const string LookupKeyFile = "lookup.key";
    public const byte Version = 1;
    public const int Iterations = 600_000;
    public const int MinimumPassphraseLength = 12;
    private static readonly byte[] Magic = "JZKR"u8.ToArray();
    private const int HeaderLength = 4 + 1 + 4 + 16 + 12;
    private const int TagLength = 16;

    /// <summary>Zips the key folder's files (plus the lookup key when it comes from configuration) and encrypts them.</summary>
    public static byte[] Export(string keysDirectory, byte[]? configuredLookupKey, string passphrase)
    {
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (Directory.Exists(keysDirectory))
                foreach (var file in Directory.EnumerateFiles(keysDirectory).Order(StringComparer.Ordinal))
                {
                    var name = Path.GetFileName(file);
                    if (name == LookupKeyFile && configuredLookupKey is not null) continue;
                    using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                    using var source = File.OpenRead(file);
                    source.CopyTo(entry);
                }
            if (configuredLookupKey is not null)
            {
                using var entry = zip.CreateEntry(LookupKeyFile).Open();
                entry.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(configuredLookupKey)));
            }
        }
        return Encrypt(zipped.ToArray(), passphrase, Iterations);
    }

    public static byte[] Encrypt(byte[] plain, string passphrase, int iterations)
    {
        var output = new byte[HeaderLength + TagLength + plain.Length];
        var header = output.AsSpan(0, HeaderLength);
        Magic.CopyTo(header);
        header[4] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(header[5..9], (uint)iterations);
        RandomNumberGenerator.Fill(header[9..25]);
        RandomNumberGenerator.Fill(header[25..37]);
        var key = DeriveKey(passphrase, header[9..25], iterations);
        using var gcm = new AesGcm(key, TagLength);
        gcm.Encrypt(header[25..37], plain, output.AsSpan(HeaderLength + TagLength), output.AsSpan(HeaderLength, TagLength), header);
        CryptographicOperations.ZeroMemory(key);
        return output;
    }

    /// <summary>The zip's entries (file name → content); a wrong passphrase or a changed file is refused.</summary>
    public static IReadOnlyDictionary<string, byte[]> Open(byte[] archive, string passphrase)
    {
        var plain = Decrypt(archive, passphrase);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(plain), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            // Only plain file names: nothing from the archive may land outside the key folder.
            var name = entry.FullName;
            if (name.Length == 0 || name != Path.GetFileName(name) || name is "." or "..")
                throw new BackupException($"密钥备份中含有不允许的文件名：{name}");
            using var s = entry.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            files[name] = m.ToArray();
        }
        return files;
    }

    public static byte[] Decrypt(byte[] archive, string passphrase)
    {
        if (archive.Length < HeaderLength + TagLength || !archive.AsSpan(0, 4).SequenceEqual(Magic))
            throw new BackupException("密钥备份文件格式不正确（不是精准系统的密钥备份）");
        if (archive[4] != Version)
            throw new BackupException($"密钥备份文件的格式版本 {archive[4]} 不受支持（本程序支持版本 {Version}）");
        var header = archive.AsSpan(0, HeaderLength);
        var iterations = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header[5..9]), int.MaxValue);
        if (iterations < 100_000) throw new BackupException("密钥备份文件的迭代次数异常，文件可能被篡改");
        var key = DeriveKey(passphrase, header[9..25], iterations);
        var plain = new byte[archive.Length - HeaderLength - TagLength];
        try
        {
            using var gcm = new AesGcm(key, TagLength);
            gcm.Decrypt(header[25..37], archive.AsSpan(HeaderLength + TagLength), archive.AsSpan(HeaderLength, TagLength), plain, header);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new BackupException("备份口令不正确（或密钥备份文件已损坏），无法解密密钥环；未做任何恢复");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        return plain;
    }

    private static byte[] DeriveKey(string passphrase, ReadOnlySpan<byte> salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, 32);
}

/// <summary>An expected failure of a backup or a restore, with a Chinese message for the operator.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);

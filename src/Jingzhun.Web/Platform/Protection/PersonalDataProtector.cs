using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Jingzhun.Web.Platform.Protection;

/// <summary>
/// Personal data at rest (PIPL): ID numbers and phones are encrypted with ASP.NET Core Data Protection
/// (keys outside the database), and ID numbers also get an HMAC-SHA256 under a separate secret key so that an
/// exact lookup and the duplicate check work without decrypting. Lists show only the masked form.
/// </summary>
public sealed class PersonalDataProtector
{
    private readonly IDataProtector _idNumbers;
    private readonly IDataProtector _phones;
    private readonly byte[] _lookupKey;
    private readonly ThreadLocal<IncrementalHash> _hmac;

    public PersonalDataProtector(IDataProtectionProvider provider, ProtectionKeys keys)
    {
        _idNumbers = provider.CreateProtector("Jingzhun.IdNumber.v1");
        _phones = provider.CreateProtector("Jingzhun.Phone.v1");
        _lookupKey = keys.LookupKey;
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _lookupKey));
    }

    /// <summary>The encrypted form of a normalized ID number (Registry builds its stored identity from it and the hash).</summary>
    public string EncryptIdNumber(string normalized) => _idNumbers.Protect(normalized);

    public string HashIdNumber(string normalized)
    {
        Span<byte> mac = stackalloc byte[32];
        HashIdNumber(normalized, mac);
        return Convert.ToBase64String(mac);
    }

    /// <summary>The keyed hash's 32 bytes (what <see cref="HashIdNumber(string)"/> encodes), for bulk matching without a string per row.</summary>
    public void HashIdNumber(ReadOnlySpan<char> normalized, Span<byte> mac)
    {
        // One keyed HMAC per thread, reset after each use (the bulk import hashes millions): the same MAC as
        // HMACSHA256.HashData(key, ascii), without setting the key up again for every number.
        var hmac = _hmac.Value!;
        Span<byte> ascii = stackalloc byte[64];
        var n = normalized.Length <= 64 ? Encoding.ASCII.GetBytes(normalized, ascii) : -1;
        if (n < 0) hmac.AppendData(Encoding.ASCII.GetBytes(normalized.ToArray()));
        else hmac.AppendData(ascii[..n]);
        hmac.GetHashAndReset(mac);
    }

    public string RevealIdNumber(string cipher) => _idNumbers.Unprotect(cipher);

    public (string? Protected, string? Masked) ProtectPhone(string? phone)
    {
        var p = phone?.Trim();
        if (string.IsNullOrEmpty(p)) return (null, null);
        var masked = p.Length >= 7 ? p[..3] + new string('*', p.Length - 7) + p[^4..] : new string('*', p.Length);
        return (_phones.Protect(p), masked);
    }

    public string? RevealPhone(string? protectedPhone) => protectedPhone is null ? null : _phones.Unprotect(protectedPhone);
}

/// <summary>The lookup-hash key: from configuration (Protection:LookupKey, base64) or a file made on first start.</summary>
public sealed class ProtectionKeys(byte[] lookupKey)
{
    public byte[] LookupKey { get; } = lookupKey;

    /// <summary>
    /// Where the key ring lives: Protection:KeysPath, else the user's application-data folder — never beside the
    /// database by default, so a copy of the data folder (or a stolen database backup) carries no key. An install
    /// that already keeps its keys in the old default data/keys goes on using them.
    /// </summary>
    public static string KeysPath(IConfiguration config)
    {
        if (config["Protection:KeysPath"] is { Length: > 0 } configured) return Path.GetFullPath(configured);
        var legacy = Path.GetFullPath("data/keys");
        if (Directory.Exists(legacy) && Directory.EnumerateFileSystemEntries(legacy).Any()) return legacy;
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "Jingzhun", "keys");
    }

    public static ProtectionKeys Load(IConfiguration config, string keysDirectory)
    {
        if (config["Protection:LookupKey"] is { Length: > 0 } b64) return new ProtectionKeys(Convert.FromBase64String(b64));
        Directory.CreateDirectory(keysDirectory);
        var file = Path.Combine(keysDirectory, "lookup.key");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new ProtectionKeys(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }
}

using System.Buffers.Text;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Jingzhun.Web.Platform.Protection;

/// <summary>
/// AES-256-GCM data keys, one current key per purpose (ID numbers, phones), each stored wrapped by ASP.NET Core Data Protection in
/// the keys folder (data-keys.json) — so the key that opens the data is itself only readable with the Data Protection key ring,
/// never beside the database. Older keys stay in the ring to read what they encrypted; <see cref="Rotate"/> adds a new current
/// key (docs/adr/0005). A value is "g1." + base64url(key id · nonce · tag · ciphertext), the purpose bound as associated data.
/// </summary>
public sealed class DataKeyRing
{
    public const string Prefix = "g1.";
    private const int NonceSize = 12, TagSize = 16, IdSize = 4;
    private readonly object _gate = new();
    private readonly string? _file;
    private readonly IDataProtector _wrap;
    private List<StoredKey> _stored;
    private Dictionary<int, byte[]> _keys;

    private sealed record StoredKey(int Id, string Purpose, string Wrapped, DateTime CreatedAt);

    [ThreadStatic] private static Dictionary<(DataKeyRing, int), AesGcm>? _ciphers;

    private DataKeyRing(IDataProtectionProvider provider, string? file)
    {
        _wrap = provider.CreateProtector("Jingzhun.DataKeys.v1");
        _file = file;
        _stored = [];
        _keys = [];
        Reload();
    }

    /// <summary>
    /// Reads the ring file again: another process on the same keys folder (the server and an <c>import</c> run beside it) may
    /// have added a key. Keys are only ever added, so what this process holds stays.
    /// </summary>
    private void Reload()
    {
        if (_file is null || !File.Exists(_file)) return;
        var stored = JsonSerializer.Deserialize<List<StoredKey>>(File.ReadAllText(_file)) ?? [];
        var keys = new Dictionary<int, byte[]>(_keys);
        foreach (var k in stored.Where(k => !keys.ContainsKey(k.Id))) keys[k.Id] = _wrap.Unprotect(Convert.FromBase64String(k.Wrapped));
        _keys = keys;
        _stored = stored;
    }

    /// <summary>Holds the keys folder's ring lock (one writer across processes) while <paramref name="work"/> runs.</summary>
    private T Exclusive<T>(Func<T> work)
    {
        lock (_gate)
        {
            if (_file is null) return work();
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            for (var attempt = 0; ; attempt++)
            {
                FileStream? held = null;
                try
                {
                    held = new FileStream(_file + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (attempt < 200)
                {
                    Thread.Sleep(25);
                    continue;
                }
                using (held)
                {
                    Reload();
                    return work();
                }
            }
        }
    }

    /// <summary>The ring kept in <paramref name="keysDirectory"/> (made on first use); null keeps it in memory only (tests).</summary>
    public static DataKeyRing Load(IDataProtectionProvider provider, string? keysDirectory) =>
        new(provider, keysDirectory is null ? null : Path.Combine(keysDirectory, "data-keys.json"));

    public IReadOnlyList<(int Id, string Purpose, DateTime CreatedAt)> Keys
    {
        get { lock (_gate) return [.. _stored.Select(k => (k.Id, k.Purpose, k.CreatedAt))]; }
    }

    /// <summary>Adds a new current key for the purpose; the older ones keep reading what they wrote.</summary>
    public int Rotate(string purpose) => Exclusive(() => RotateLocked(purpose));

    private int? Latest(string purpose)
    {
        var stored = _stored;
        for (var i = stored.Count - 1; i >= 0; i--)
            if (stored[i].Purpose == purpose) return stored[i].Id;
        return null;
    }

    /// <summary>The purpose's current key; the first is made (under the ring lock, after reading what another process made) on first use.</summary>
    private int Current(string purpose) => Latest(purpose) ?? Exclusive(() => Latest(purpose) ?? RotateLocked(purpose));

    private int RotateLocked(string purpose)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var id = _stored.Count == 0 ? 1 : _stored.Max(k => k.Id) + 1;
        var stored = new List<StoredKey>(_stored) { new(id, purpose, Convert.ToBase64String(_wrap.Protect(key)), DateTime.UtcNow) };
        Write(stored);
        _keys = new Dictionary<int, byte[]>(_keys) { [id] = key };
        _stored = stored;
        return id;
    }

    private void Write(List<StoredKey> stored)
    {
        if (_file is null) return;
        var temp = _file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(stored));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, _file, overwrite: true);
    }

    private AesGcm Cipher(int id)
    {
        _ciphers ??= [];
        if (_ciphers.TryGetValue((this, id), out var c)) return c;
        if (!_keys.TryGetValue(id, out var key))
        {
            // A key another process added since this one read the ring.
            lock (_gate) Reload();
            if (!_keys.TryGetValue(id, out key)) throw new CryptographicException($"data key {id} is not in the key ring");
        }
        c = new AesGcm(key, TagSize);
        _ciphers[(this, id)] = c;
        return c;
    }

    public static bool IsSealed(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    public string Seal(string purpose, string plain)
    {
        var id = Current(purpose);
        var text = Encoding.UTF8.GetBytes(plain);
        var buffer = new byte[IdSize + NonceSize + TagSize + text.Length];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, id);
        RandomNumberGenerator.Fill(span.Slice(IdSize, NonceSize));
        Cipher(id).Encrypt(span.Slice(IdSize, NonceSize), text, span[(IdSize + NonceSize + TagSize)..], span.Slice(IdSize + NonceSize, TagSize),
            Encoding.ASCII.GetBytes(purpose));
        return Prefix + Base64Url.EncodeToString(buffer);
    }

    public string Open(string purpose, string value)
    {
        var buffer = Base64Url.DecodeFromChars(value.AsSpan(Prefix.Length));
        if (buffer.Length < IdSize + NonceSize + TagSize) throw new CryptographicException("sealed value too short");
        var span = buffer.AsSpan();
        var id = BinaryPrimitives.ReadInt32LittleEndian(span);
        var text = new byte[buffer.Length - IdSize - NonceSize - TagSize];
        Cipher(id).Decrypt(span.Slice(IdSize, NonceSize), span[(IdSize + NonceSize + TagSize)..], span.Slice(IdSize + NonceSize, TagSize), text,
            Encoding.ASCII.GetBytes(purpose));
        return Encoding.UTF8.GetString(text);
    }
}

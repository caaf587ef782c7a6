using System.Security.Cryptography;
using Jingzhun.Web.Platform.Protection;
using Microsoft.AspNetCore.DataProtection;

namespace Jingzhun.Tests.Platform;

/// <summary>The AES-256-GCM data keys (docs/adr/0005): sealed values open, a rotation keeps old values readable, tampering and a wrong purpose fail.</summary>
public sealed class DataKeyRingTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jingzhun-ring-" + Guid.NewGuid().ToString("N"));
    private readonly IDataProtectionProvider _provider;

    public DataKeyRingTests() => _provider = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(_dir, "dp")));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_sealed_value_opens_and_each_sealing_is_different()
    {
        var ring = DataKeyRing.Load(_provider, _dir);
        var a = ring.Seal("p", "500151199001011234");
        var b = ring.Seal("p", "500151199001011234");
        Assert.StartsWith(DataKeyRing.Prefix, a);
        Assert.NotEqual(a, b);
        Assert.DoesNotContain("500151", a);
        Assert.Equal("500151199001011234", ring.Open("p", a));
        Assert.Equal("13812345678", ring.Open("q", ring.Seal("q", "13812345678")));
    }

    [Fact]
    public void After_a_rotation_new_values_use_the_new_key_and_old_values_still_open_also_after_a_restart()
    {
        var ring = DataKeyRing.Load(_provider, _dir);
        var old = ring.Seal("p", "旧值");
        var first = Assert.Single(ring.Keys).Id;
        var second = ring.Rotate("p");
        Assert.NotEqual(first, second);
        var fresh = ring.Seal("p", "新值");
        Assert.NotEqual(old[..9], fresh[..9]);
        // A new process reads the ring from the keys folder: both keys, unwrapped by Data Protection.
        var reloaded = DataKeyRing.Load(_provider, _dir);
        Assert.Equal("旧值", reloaded.Open("p", old));
        Assert.Equal("新值", reloaded.Open("p", fresh));
        Assert.Equal(2, reloaded.Keys.Count);
        Assert.DoesNotContain(Convert.ToBase64String(new byte[8]), File.ReadAllText(Path.Combine(_dir, "data-keys.json")));
    }

    [Fact]
    public void Two_processes_on_one_keys_folder_share_their_keys_and_never_overwrite_each_other()
    {
        // The server and an import run beside it each load the ring before either has a key.
        var server = DataKeyRing.Load(_provider, _dir);
        var import = DataKeyRing.Load(_provider, _dir);
        var byImport = import.Seal("p", "导入写入");
        var byServer = server.Seal("p", "服务写入");
        Assert.Equal("导入写入", server.Open("p", byImport));
        Assert.Equal("服务写入", import.Open("p", byServer));
        var later = DataKeyRing.Load(_provider, _dir);
        Assert.Equal("导入写入", later.Open("p", byImport));
        Assert.Equal("服务写入", later.Open("p", byServer));
        // One key for the purpose: the second process found the first's instead of making its own.
        Assert.Single(later.Keys);
    }

    [Fact]
    public void A_changed_value_a_wrong_purpose_or_a_ring_without_the_key_fails()
    {
        var ring = DataKeyRing.Load(_provider, _dir);
        var sealedValue = ring.Seal("p", "500151199001011234");
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(sealedValue.AsSpan(DataKeyRing.Prefix.Length));
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => ring.Open("p", DataKeyRing.Prefix + System.Buffers.Text.Base64Url.EncodeToString(bytes)));
        Assert.ThrowsAny<CryptographicException>(() => ring.Open("other", sealedValue));
        Assert.ThrowsAny<CryptographicException>(() => DataKeyRing.Load(_provider, Path.Combine(_dir, "elsewhere")).Open("p", sealedValue));
    }
}

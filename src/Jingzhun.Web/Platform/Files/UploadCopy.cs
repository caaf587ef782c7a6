using System.Security.Cryptography;

namespace Jingzhun.Web.Platform.Files;

public static class UploadCopy
{
    /// <summary>Copies an uploaded file to <paramref name="target"/> and returns its SHA-256 (hex), computed on the way.</summary>
    public static async Task<string> CopyWithSha256Async(IFormFile file, Stream target, CancellationToken ct)
    {
        await using var source = file.OpenReadStream();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int n;
        while ((n = await source.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, n);
            await target.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}

using System.IO.Compression;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace Jingzhun.Web.Platform;

/// <summary>
/// What a phone on 4G downloads: every text answer (pages, API, scripts, styles) compressed with Brotli or gzip, and
/// static files cached. A file the pages link with <c>asp-append-version</c> (<c>?v=</c> the file's hash) never changes
/// under its URL, so the browser keeps it for a year without asking again; any other static file is revalidated
/// (ETag / Last-Modified, an empty 304 when unchanged).
/// </summary>
/// <remarks>
/// Compression over HTTPS (BREACH): a page's secrets are its anti-forgery token, which is encrypted afresh for every
/// answer (so no two answers share it), and the session cookie, which is never in a body; the cookie is SameSite=Lax, so
/// another site cannot make the browser send the signed-in requests an attack needs.
/// </remarks>
public static class StaticAssets
{
    public const string Versioned = "public, max-age=31536000, immutable";
    public const string Revalidate = "no-cache";

    public static void AddCompression(IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "image/x-icon", "application/manifest+json",
                "application/problem+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
    }

    public static void PrepareResponse(HttpContext ctx)
    {
        SecurityHeaders.MarkStatic(ctx);
        ctx.Response.Headers[HeaderNames.CacheControl] = ctx.Request.Query.ContainsKey("v") ? Versioned : Revalidate;
    }
}

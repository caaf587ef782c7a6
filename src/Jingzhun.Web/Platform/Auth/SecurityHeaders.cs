using System.Security.Cryptography;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Net.Http.Headers;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>
/// The headers an inspector checks (等保 三级), on every answer: pages, API, static files and errors alike. Written when
/// the response starts, so an answer the exception handler or the status-code pages rewrote carries them too.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "jz:csp-nonce";
    private const string StaticKey = "jz:static-file";

    /// <summary>The per-request nonce that the page's own inline scripts and styles carry (see <see cref="NonceTagHelper"/>).</summary>
    public static string Nonce(HttpContext ctx)
    {
        if (ctx.Items[NonceKey] is string n) return n;
        n = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        ctx.Items[NonceKey] = n;
        return n;
    }

    /// <summary>Static files (scripts, styles, icons, the field app's shell) may be cached: they hold no personal data.</summary>
    public static void MarkStatic(HttpContext ctx) => ctx.Items[StaticKey] = true;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        var nonce = Nonce(ctx);
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h[HeaderNames.ContentSecurityPolicy] = PolicyFor(ctx.Request.Path, nonce);
            h[HeaderNames.XFrameOptions] = "DENY";
            h[HeaderNames.XContentTypeOptions] = "nosniff";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(self), geolocation=(self), microphone=(), payment=(), usb=()";
            // Answers of the API and the pages carry personal data: no browser or proxy keeps a copy.
            if (!ctx.Items.ContainsKey(StaticKey) && !IsAppShell(ctx.Request.Path))
            {
                h[HeaderNames.CacheControl] = "no-store";
                h[HeaderNames.Pragma] = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next(ctx);
    });

    // The field app's shell (/m/) is a static file served by an endpoint; it sets its own revalidation rule.
    private static bool IsAppShell(PathString path) => path.Value is "/m" or "/m/";

    /// <summary>
    /// Scripts: only the app's own files and inline blocks carrying this request's nonce (no inline event handlers,
    /// no eval). Style elements likewise; style attributes stay allowed (they cannot run code or read the page).
    /// Old browsers without style-src-elem/-attr fall back to style-src.
    /// </summary>
    public static string PolicyFor(PathString path, string nonce) =>
        path.StartsWithSegments("/scalar")
            // The API reference (Scalar) builds its page with inline script and styles; it reads only the OpenAPI document.
            ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
              "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
            : $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; " +
              $"style-src-elem 'self' 'nonce-{nonce}'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; " +
              "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
              "frame-ancestors 'none'";
}

/// <summary>Gives every inline &lt;script&gt; and &lt;style&gt; of a Razor page the request's CSP nonce.</summary>
[HtmlTargetElement("script")]
[HtmlTargetElement("style")]
public sealed class NonceTagHelper(IHttpContextAccessor accessor) : TagHelper
{
    public override int Order => int.MaxValue;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes.ContainsName("src") || accessor.HttpContext is not { } ctx) return;
        output.Attributes.SetAttribute("nonce", SecurityHeaders.Nonce(ctx));
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Jingzhun.Web.Platform.Files;

/// <summary>
/// The size limit of an upload endpoint (API endpoint or page), read from configuration at request time. Enforced by
/// <see cref="UploadLimits"/> before anything reads the body: a declared length over the limit answers 413 with a
/// Chinese message at once; a body without a declared length is cut off by the server and form limits.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class UploadLimitAttribute(string configKey, long defaultBytes, string what) : Attribute
{
    public string ConfigKey { get; } = configKey;
    public long DefaultBytes { get; } = defaultBytes;
    /// <summary>What is uploaded, for the message (e.g. 导入文件).</summary>
    public string What { get; } = what;

    public long Bytes(IConfiguration config) => config.GetValue(ConfigKey, DefaultBytes);
}

public static class UploadLimits
{
    public const long Megabyte = 1024 * 1024;
    /// <summary>Room for the other form fields and the multipart framing around the file.</summary>
    public const long FormOverhead = Megabyte;

    public const string ImportKey = "Import:MaxBytes";
    public const long ImportDefault = 50 * Megabyte;
    public const string FilesKey = "Files:MaxBytes";
    public const long FilesDefault = 10 * Megabyte;
    public const string PairingImportKey = "Import:PairingMaxBytes";
    public const long PairingImportDefault = 5 * Megabyte;

    public static string Describe(long bytes) => bytes >= Megabyte && bytes % Megabyte == 0 ? $"{bytes / Megabyte} MB" : bytes >= 1024 ? $"{bytes / 1024} KB" : $"{bytes} 字节";

    public static TBuilder WithUploadLimit<TBuilder>(this TBuilder builder, string configKey, long defaultBytes, string what) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new UploadLimitAttribute(configKey, defaultBytes, what));

    /// <summary>After routing and authorization (a user without the permission gets 403, not 413).</summary>
    public static IApplicationBuilder UseUploadLimits(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var limit = ctx.GetEndpoint()?.Metadata.GetMetadata<UploadLimitAttribute>();
        if (limit is null || HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method))
        {
            await next(ctx);
            return;
        }
        var max = limit.Bytes(ctx.RequestServices.GetRequiredService<IConfiguration>());
        var body = max + FormOverhead;
        if (ctx.Request.ContentLength > body)
        {
            await TooLargeAsync(ctx, $"{limit.What}不能超过 {Describe(max)}");
            return;
        }
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = body;
        // Files above 64 KB are buffered to disk by the form reader, never in memory; the whole body is capped here.
        ctx.Features.Set<IFormFeature>(new FormFeature(ctx.Request, new FormOptions { MultipartBodyLengthLimit = body }));
        await next(ctx);
    });

    private static async Task TooLargeAsync(HttpContext ctx, string message)
    {
        ctx.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        ctx.Response.Headers.Connection = "close";
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.ContentType = "application/problem+json; charset=utf-8";
            await ctx.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.5.14", title = "文件过大", status = 413, detail = message,
                errors = new Dictionary<string, string[]> { ["file"] = [message] },
            }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return;
        }
        ctx.Response.ContentType = "text/html; charset=utf-8";
        var back = System.Net.WebUtility.HtmlEncode(ctx.Request.Path.Value ?? "/");
        await ctx.Response.WriteAsync($"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>文件过大</title>"
            + $"<p>{System.Net.WebUtility.HtmlEncode(message)}。</p><p><a href=\"{back}\">返回</a></p></html>");
    }
}

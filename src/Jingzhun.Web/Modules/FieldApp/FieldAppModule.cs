using Microsoft.Net.Http.Headers;

namespace Jingzhun.Web.Modules.FieldApp;

/// <summary>
/// The offline field app for pairing cadres (PWA, static files under wwwroot/m). Static files need no sign-in: the
/// app shell holds no data, and it signs in to the API with a bearer token. This serves its shell at /m/.
/// </summary>
public static class FieldAppModule
{
    public static WebApplication MapFieldApp(this WebApplication app)
    {
        var shell = app.Environment.WebRootFileProvider.GetFileInfo("m/index.html");
        // Routing sees /m and /m/ as one route: the shell's relative links need the slash.
        app.MapGet("/m", (HttpContext ctx) =>
            {
                if (!ctx.Request.Path.Value!.EndsWith('/')) return (IResult)TypedResults.Redirect("/m/");
                // The service worker keeps its own copy; the browser should always ask the server for a fresh one.
                ctx.Response.Headers[HeaderNames.CacheControl] = "no-cache";
                return TypedResults.PhysicalFile(shell.PhysicalPath!, "text/html; charset=utf-8");
            })
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

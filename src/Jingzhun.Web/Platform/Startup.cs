using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Platform;

/// <summary>First-start work: migrate, load the shipped regions, seed the demo county and its accounts.</summary>
public static class Startup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        // Before anything touches the database: a restore in progress (or, on SQLite, another server) refuses the start.
        var claim = sp.GetRequiredService<Backup.ServerDatabaseClaim>();
        await claim.TakeAsync(ct);
        var db = sp.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db, ct);
        await claim.TakeAsync(ct);
        var demo = app.Configuration.GetValue("Demo:Seed", true);
        var notes = new List<string>();
        // The seeds' saves do not each count their villages for the dashboards again: the villages are counted once at the end.
        using (var changes = VillageChanges.Defer())
        {
            foreach (var seed in sp.GetServices<IStartupSeed>().OrderBy(x => x.Order))
            {
                if (seed.DemoOnly && !demo) continue;
                if (await seed.SeedAsync(ct) is { } note) notes.Add(note);
            }
            await changes.FlushAsync(db, ct);
        }
        foreach (var note in notes) Console.WriteLine(note);
    }

    /// <summary>
    /// Command-line verbs for operations (<see cref="ICommandLineVerb"/>, registered by each module); returns true when
    /// the arguments named a verb or asked for the usage (the web server then does not start).
    /// </summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return false;
        try
        {
            return await RunAsync(app, args);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException)
        {
            Console.Error.WriteLine($"错误：{e.Message}");
            Environment.ExitCode = 1;
            return true;
        }
    }

    private static async Task<bool> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        Environment.ExitCode = await CommandLineVerbs.RunAsync(scope.ServiceProvider, app.Services, args, CancellationToken.None);
        return true;
    }
}

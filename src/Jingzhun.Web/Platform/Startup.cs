using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.ImportRegions;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Modules.Registry.Transfer;
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
        foreach (var seed in sp.GetServices<IStartupSeed>().OrderBy(x => x.Order))
        {
            if (seed.DemoOnly && !demo) continue;
            if (await seed.SeedAsync(ct) is { } note) notes.Add(note);
        }
        foreach (var note in notes) Console.WriteLine(note);
    }

    /// <summary>
    /// Command-line verbs for operations; returns true when a verb ran (the web server then does not start).
    /// <c>regions import &lt;villages.csv[.gz]&gt; &lt;streets.csv[.gz]&gt;</c>
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
        var sp = scope.ServiceProvider;
        switch (args)
        {
            case ["regions", "import", .. var files] when files.Length > 0:
                await DatabaseSetup.MigrateAsync(sp.GetRequiredService<AppDbContext>(), CancellationToken.None);
                await sp.GetRequiredService<ImportRegionsHandler>().LoadShippedAsync(CancellationToken.None);
                var n = await sp.GetRequiredService<ImportRegionsHandler>().ImportFilesAsync(files, CancellationToken.None);
                Console.WriteLine($"已导入区划 {n} 条");
                return true;
            case ["generate", .. var rest]:
                await GenerateRegistry.RunAsync(sp, rest, CancellationToken.None);
                return true;
            case ["import", var file, .. var options]:
                await DatabaseSetup.MigrateAsync(sp.GetRequiredService<AppDbContext>(), CancellationToken.None);
                await sp.GetRequiredService<ImportRegionsHandler>().LoadShippedAsync(CancellationToken.None);
                Environment.ExitCode = await TransferCommands.ImportAsync(sp, file, options, Console.Out, CancellationToken.None);
                return true;
            case ["export", var file, .. var options]:
                await DatabaseSetup.MigrateAsync(sp.GetRequiredService<AppDbContext>(), CancellationToken.None);
                Environment.ExitCode = await TransferCommands.ExportAsync(sp, file, options, Console.Out, CancellationToken.None);
                return true;
            case [var verb and ("backup" or "restore"), .. var rest]:
                Environment.ExitCode = await Backup.BackupCommands.RunAsync(verb, rest, sp.GetRequiredService<Backup.BackupSettings>(), app.Services,
                    Console.Out, Console.Error, CancellationToken.None);
                return true;
            default:
                Console.Error.WriteLine("用法 Usage:");
                Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web                       启动系统 (http://localhost:5080)");
                Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web -- regions import <villages.csv[.gz]> <streets.csv[.gz]>");
                Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web -- " + GenerateRegistry.Usage);
                Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web -- import <file.csv|.xlsx> --region <code> [--mode all|valid] [--dry-run]");
                Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web -- export <file.csv|.xlsx> --region <code> [--year YYYY]");
                Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web -- " + Backup.BackupCommands.BackupUsage);
                Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web -- " + Backup.BackupCommands.RestoreUsage);
                Environment.ExitCode = 2;
                return true;
        }
    }
}

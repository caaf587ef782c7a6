using Jingzhun.Web.Modules.Regions.ImportRegions;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;

namespace Jingzhun.Web.Modules.Registry.Transfer;

/// <summary><c>generate ...</c>: a deterministic population for a profile (benchmarks, demos).</summary>
internal sealed class GenerateVerb(IServiceProvider services) : ICommandLineVerb
{
    public string Usage => GenerateRegistry.Usage;

    public async Task<int?> RunAsync(string[] args, IServiceProvider root, CancellationToken ct)
    {
        if (args is not ["generate", .. var rest]) return null;
        await GenerateRegistry.RunAsync(services, rest, ct);
        return 0;
    }
}

/// <summary><c>import &lt;file&gt; --region ...</c>: a registry import as the system (exit code 1 when rows were refused).</summary>
internal sealed class ImportVerb(IServiceProvider services, AppDbContext db, ImportRegionsHandler regions) : ICommandLineVerb
{
    public string Usage => "import <file.csv|.xlsx> --region <code> [--mode all|valid] [--dry-run]";

    public async Task<int?> RunAsync(string[] args, IServiceProvider root, CancellationToken ct)
    {
        if (args is not ["import", var file, .. var options]) return null;
        await DatabaseSetup.MigrateAsync(db, ct);
        await regions.LoadShippedAsync(ct);
        return await TransferCommands.ImportAsync(services, file, options, Console.Out, ct);
    }
}

/// <summary><c>export &lt;file&gt; --region ...</c>: the registry in the import template's format.</summary>
internal sealed class ExportVerb(IServiceProvider services, AppDbContext db) : ICommandLineVerb
{
    public string Usage => "export <file.csv|.xlsx> --region <code> [--year YYYY]";

    public async Task<int?> RunAsync(string[] args, IServiceProvider root, CancellationToken ct)
    {
        if (args is not ["export", var file, .. var options]) return null;
        await DatabaseSetup.MigrateAsync(db, ct);
        return await TransferCommands.ExportAsync(services, file, options, Console.Out, ct);
    }
}

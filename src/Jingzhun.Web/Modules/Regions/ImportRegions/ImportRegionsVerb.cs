using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;

namespace Jingzhun.Web.Modules.Regions.ImportRegions;

/// <summary><c>regions import &lt;villages.csv[.gz]&gt; &lt;streets.csv[.gz]&gt;</c>: loads a full set of division codes.</summary>
internal sealed class ImportRegionsVerb(AppDbContext db, ImportRegionsHandler regions) : ICommandLineVerb
{
    public string Usage => "regions import <villages.csv[.gz]> <streets.csv[.gz]>";

    public async Task<int?> RunAsync(string[] args, IServiceProvider root, CancellationToken ct)
    {
        if (args is not ["regions", "import", .. var files] || files.Length == 0) return null;
        await DatabaseSetup.MigrateAsync(db, ct);
        await regions.LoadShippedAsync(ct);
        Console.WriteLine($"已导入区划 {await regions.ImportFilesAsync(files, ct)} 条");
        return 0;
    }
}

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
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Jingzhun.Startup");
        var db = sp.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db, ct);
        await sp.GetRequiredService<ImportRegionsHandler>().LoadShippedAsync(ct);
        sp.GetRequiredService<RegionDirectory>().Reload();

        await SeedPoliciesAsync(db, ct);
        var seeder = sp.GetRequiredService<DemoSeeder>();
        var accounts = await seeder.SeedAccountsAsync(ct);
        await Auth.DemoPasswordGuard.EnforceAsync(sp, app.Environment, app.Configuration, log);
        if (app.Configuration.GetValue("Demo:Seed", true))
        {
            var started = DateTime.UtcNow;
            var n = await seeder.SeedPopulationAsync(ct);
            if (n > 0)
            {
                log.LogInformation("已生成演示区县 铜梁区：{Households} 户，用时 {Seconds:F1} 秒", n, (DateTime.UtcNow - started).TotalSeconds);
                // The demo's gaps become the first problems, as a county's first sweep would find them.
                var ids = await db.Households.Select(h => h.Id).ToListAsync(ct);
                var assess = sp.GetRequiredService<Modules.Guarantees.AssessHouseholds.AssessHouseholdsHandler>();
                var opened = 0;
                db.SuppressAudit = true;
                foreach (var batch in ids.Chunk(500)) { opened += await assess.AssessAsync(batch, ct); db.ChangeTracker.Clear(); }
                log.LogInformation("两不愁三保障研判：发现问题 {Count} 个", opened);
                var monitoring = await sp.GetRequiredService<Modules.Monitoring.DemoData.MonitoringDemo>()
                    .SeedAsync(DemoSeeder.County, DemoSeeder.Seed, ct);
                db.SuppressAudit = false;
                log.LogInformation("防返贫监测：累计识别监测对象 {Identified} 户，其中风险已消除 {Eliminated} 户；系统预警新增风险线索 {Leads} 条",
                    monitoring.Identified, monitoring.Eliminated, monitoring.Leads);
            }
            var fieldWorkStarted = DateTime.UtcNow;
            var fieldWork = await sp.GetRequiredService<Modules.FieldWork.DemoData.FieldWorkDemo>().SeedAsync(DemoSeeder.County, DemoSeeder.Seed, ct);
            if (fieldWork.Cadres > 0)
                log.LogInformation("驻村帮扶：帮扶干部 {Cadres} 名，结对记录 {Pairings} 条，驻村工作队 {Teams} 支，用时 {Seconds:F1} 秒",
                    fieldWork.Cadres, fieldWork.Pairings, fieldWork.Teams, (DateTime.UtcNow - fieldWorkStarted).TotalSeconds);
            // A year of visits, work logs and 月研判 on those pairings (once: skipped when visits exist).
            var fieldStarted = DateTime.UtcNow;
            db.SuppressAudit = true;
            var field = await sp.GetRequiredService<Modules.FieldWork.DemoData.ComplianceDemo>().SeedAsync(DemoSeeder.County, DemoSeeder.Seed, ct);
            db.SuppressAudit = false;
            if (field.Visits > 0)
                log.LogInformation("走访记录：{Visits} 次、工作日志 {Logs} 条、月研判会议 {Meetings} 次（研判问题 {Items} 个，解决 {Resolved} 个），用时 {Seconds:F1} 秒",
                    field.Visits, field.Logs, field.Meetings, field.Items, field.Resolved, (DateTime.UtcNow - fieldStarted).TotalSeconds);
        }
        if (accounts.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("== 演示账号 Demo accounts (password / 密码: " + DemoSeeder.DemoPassword + ") ==");
            foreach (var a in accounts)
                Console.WriteLine($"  {a.UserName,-10} {Auth.Roles.LabelOf(a.Role),-8} {a.RegionCode,-12} {a.DisplayName}");
            Console.WriteLine();
        }
    }

    /// <summary>Policy values of DOMAIN.md §3–4 as the national defaults from 2021; provinces add their own rows.</summary>
    private static async Task SeedPoliciesAsync(AppDbContext db, CancellationToken ct)
    {
        if (!await db.MonitoringPolicies.AnyAsync(ct))
            db.MonitoringPolicies.Add(Modules.Monitoring.MonitoringPolicy.NationalFloor(2021)); // 6,000 yuan, 1.5× the poverty line
        if (!await db.ExitStandards.AnyAsync(ct))
            db.ExitStandards.AddRange(Modules.Dashboards.ExitEvaluation.ExitStandard.Seed());
        if (!await db.GuaranteePolicies.AnyAsync(ct))
            db.GuaranteePolicies.Add(Modules.Guarantees.GuaranteePolicy.NationalDefault(2021));
        db.SuppressAudit = true;
        await db.SaveChangesAsync(ct);
        db.SuppressAudit = false;
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
            default:
                Console.Error.WriteLine("用法 Usage:");
                Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web                       启动系统 (http://localhost:5080)");
                Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web -- regions import <villages.csv[.gz]> <streets.csv[.gz]>");
                Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web -- " + GenerateRegistry.Usage);
                Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web -- import <file.csv|.xlsx> --region <code> [--mode all|valid] [--dry-run]");
                Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web -- export <file.csv|.xlsx> --region <code> [--year YYYY]");
                Environment.ExitCode = 2;
                return true;
        }
    }
}

using System.Text;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.DemoData;

/// <summary>One account per role (an empty user table only); printed by <see cref="DemoAccountsNoteSeed"/>.</summary>
internal sealed class DemoAccountsSeed(DemoSeeder seeder) : IStartupSeed
{
    public int Order => 100;
    public bool DemoOnly => false;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        await seeder.SeedAccountsAsync(ct);
        return null;
    }
}

/// <summary>The accounts created by this start, printed last: where the demo county placed them (its village with work).</summary>
internal sealed class DemoAccountsNoteSeed(DemoSeeder seeder, Platform.Data.AppDbContext db) : IStartupSeed
{
    public int Order => 1000;
    public bool DemoOnly => false;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        if (seeder.Created.Count == 0) return null;
        var names = seeder.Created.Select(a => a.UserName).ToList();
        var regions = await db.Users.Where(u => names.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.RegionCode, ct);
        var text = new StringBuilder().AppendLine().AppendLine("== 演示账号 Demo accounts (password / 密码: " + DemoSeeder.DemoPassword + ") ==");
        foreach (var a in seeder.Created)
            text.AppendLine($"  {a.UserName,-10} {Roles.LabelOf(a.Role),-8} {regions.GetValueOrDefault(a.UserName, a.RegionCode),-12} {a.DisplayName}");
        return text.ToString();
    }
}

/// <summary>The demo county's registry (铜梁区, once, into an empty registry).</summary>
internal sealed class DemoPopulationSeed(DemoSeeder seeder, ILogger<DemoPopulationSeed> log, TimeProvider clock) : IStartupSeed
{
    public int Order => 200;
    public bool DemoOnly => true;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var n = await seeder.SeedPopulationAsync(ct);
        if (n > 0) log.LogInformation("已生成演示区县 铜梁区：{Households} 户，用时 {Seconds:F1} 秒", n, clock.GetElapsedTime(started).TotalSeconds);
        return null;
    }
}

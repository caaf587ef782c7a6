using System.Text;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Auth;

namespace Jingzhun.Web.Modules.Registry.DemoData;

/// <summary>One account per role (an empty user table only); printed after the other seeds.</summary>
internal sealed class DemoAccountsSeed(DemoSeeder seeder) : IStartupSeed
{
    public int Order => 100;
    public bool DemoOnly => false;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        var accounts = await seeder.SeedAccountsAsync(ct);
        if (accounts.Count == 0) return null;
        var text = new StringBuilder().AppendLine().AppendLine("== 演示账号 Demo accounts (password / 密码: " + DemoSeeder.DemoPassword + ") ==");
        foreach (var a in accounts) text.AppendLine($"  {a.UserName,-10} {Roles.LabelOf(a.Role),-8} {a.RegionCode,-12} {a.DisplayName}");
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

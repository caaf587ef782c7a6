using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;

namespace Jingzhun.Web.Modules.Registry.DemoData;


/// <summary>
/// The demo password is printed in the README and on the login page: a real deployment must not run with it.
/// "Real" is every environment but Development and Testing. There, with Demo:Seed on (the default, which suits a
/// developer's machine), the server refuses to start while a demo account still has the demo password; with
/// Demo:Seed=false it starts and warns on every start until those passwords are changed.
/// </summary>
public static class DemoPasswordGuard
{
    public static bool IsRealDeployment(string environment) => Platform.Auth.Deployment.IsReal(environment);

    /// <summary>The demo accounts that still sign in with the demo password.</summary>
    public static async Task<IReadOnlyList<string>> AccountsWithDemoPasswordAsync(UserManager<AppUser> users)
    {
        var found = new List<string>();
        foreach (var a in DemoSeeder.Accounts)
            if (await users.FindByNameAsync(a.UserName) is { PasswordHash: not null } u && await users.CheckPasswordAsync(u, DemoSeeder.DemoPassword))
                found.Add(a.UserName);
        return found;
    }

    /// <summary>Null when the server may start; otherwise why not and how to proceed (Chinese, for the console).</summary>
    public static string? Refusal(string environment, bool demoSeed, IReadOnlyList<string> accounts) =>
        !IsRealDeployment(environment) || !demoSeed || accounts.Count == 0 ? null : $"""

            ==== 拒绝启动：演示密码不能用于正式部署 ====
            当前运行环境为 {environment}（ASPNETCORE_ENVIRONMENT），演示数据开关 Demo:Seed 为开启，
            且演示账号 {string.Join("、", accounts)} 仍在使用公开的演示密码 {DemoSeeder.DemoPassword}。
            任何人都能用这个密码登录，所以系统拒绝启动。请任选一种方式处理：
              1. 正式部署：在 appsettings.json 或环境变量中设置 Demo:Seed=false（环境变量 Demo__Seed=false）后重新启动，
                 随后立即以 admin 登录，在「系统管理 → 用户管理」中为上述账号设置新密码或停用它们。
                 在此之前每次启动都会在控制台提示这些账号。
              2. 仅作演示或培训用：先以开发环境（ASPNETCORE_ENVIRONMENT=Development）启动，登录后修改上述账号的密码，
                 再以当前环境启动。
            新密码至少 {PasswordRulesValidator.MinimumLength} 位，不能是常见密码，也不能包含用户名。
            """;

    /// <summary>At start, after the accounts are seeded: throws <see cref="StartupRefusedException"/> or warns.</summary>
    public static async Task EnforceAsync(IServiceProvider sp, IHostEnvironment env, IConfiguration config, ILogger log)
    {
        if (!IsRealDeployment(env.EnvironmentName)) return;
        var accounts = await AccountsWithDemoPasswordAsync(sp.GetRequiredService<UserManager<AppUser>>());
        if (Refusal(env.EnvironmentName, config.GetValue("Demo:Seed", true), accounts) is { } refusal) throw new StartupRefusedException(refusal);
        if (accounts.Count > 0) log.LogWarning("{Warning}", Warning(accounts));
    }

    public static string Warning(IReadOnlyList<string> accounts) =>
        $"警告：演示账号 {string.Join("、", accounts)} 仍在使用公开的演示密码，请立即在「用户管理」中修改或停用。";
}

/// <summary>Runs the guard once the accounts exist (order 100) and before the demo county is seeded.</summary>
internal sealed class DemoPasswordGuardSeed(IServiceProvider sp, IHostEnvironment env, IConfiguration config, ILogger<DemoPasswordGuardSeed> log) : IStartupSeed
{
    public int Order => 150;
    public bool DemoOnly => false;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        await DemoPasswordGuard.EnforceAsync(sp, env, config, log);
        return null;
    }
}

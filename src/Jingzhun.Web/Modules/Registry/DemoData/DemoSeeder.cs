using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Protection;
using Jingzhun.Web.Modules.Registry.Rules;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.DemoData;

public sealed record DemoAccount(string UserName, string Password, string Role, string RegionCode, string DisplayName);

/// <summary>
/// The demo county, 铜梁区 (500151): its real villages, a deterministic synthetic population matching seed 002
/// (4,448 households, 12,571 people), and one account per role. Runs once, on an empty database.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, PersonalDataProtector protector, RegionDirectory regions,
    TimeProvider clock, ILogger<DemoSeeder> log)
{
    public const string County = "500151";
    public const int Seed = 20260101;

    public const string DemoPassword = "Jingzhun2026";

    /// <summary>土桥镇, the township account's; the village and cadre accounts sit in one of its villages.</summary>
    public const string Township = "500151101";

    /// <summary>The accounts created by this start (printed after the other seeds, where the demo has placed them).</summary>
    public IReadOnlyList<DemoAccount> Created { get; private set; } = [];

    /// <summary>Whether this start generated the demo county (its figures are then printed).</summary>
    public bool PopulationSeeded { get; private set; }

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin", DemoPassword, Roles.SystemAdmin, "", "系统管理员"),
        new("tl_admin", DemoPassword, Roles.CountyAdmin, County, "铜梁区乡村振兴局 管理员"),
        new("tuqiao", DemoPassword, Roles.TownshipOfficer, Township, "土桥镇 干部"),
        new("village", DemoPassword, Roles.VillageOfficer, "", "村干部"),
        new("cadre", DemoPassword, Roles.Cadre, "", "帮扶干部"),
        new("auditor", DemoPassword, Roles.Auditor, County, "铜梁区 审计员"),
    ];

    public async Task<IReadOnlyList<DemoAccount>> SeedAccountsAsync(CancellationToken ct)
    {
        if (await users.Users.AnyAsync(ct)) return [];
        // The village and cadre accounts are bound to the first village of 土桥镇 (the demo county moves them to where the work is).
        var village = regions.ChildrenOf(Township).FirstOrDefault()?.Code ?? County;
        var created = new List<DemoAccount>();
        foreach (var a in Accounts)
        {
            var account = a.RegionCode == "" && a.Role is Roles.VillageOfficer or Roles.Cadre ? a with { RegionCode = village } : a;
            var user = new AppUser
            {
                UserName = account.UserName, DisplayName = account.DisplayName, Role = account.Role, RegionCode = account.RegionCode,
                CreatedAt = clock.GetUtcNow().UtcDateTime, LockoutEnabled = true,
            };
            var r = await users.CreateAsync(user, account.Password);
            if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
            created.Add(account);
        }
        Created = created;
        return created;
    }

    public async Task<int> SeedPopulationAsync(CancellationToken ct)
    {
        if (await db.Households.AnyAsync(ct)) return 0;
        var villages = regions.ChildrenOf(County).SelectMany(t => regions.ChildrenOf(t.Code)).Select(v => v.Code).ToList();
        if (villages.Count == 0) throw new InvalidOperationException("缺少铜梁区的村级区划，无法生成演示数据");
        await SeedRuralPopulationAsync(villages, ct);
        var today = Platform.Localization.ChinaTime.Today(clock);
        // Ages and schooling as of today, so that the 两不愁三保障 rules judge the demo as it stands now.
        var profile = PopulationGenerator.Tongliang(villages, today.Year - 1, today);
        var count = await LoadAsync(PopulationGenerator.Generate(profile, Seed), ct);
        await PlaceAccountsAsync(ct);
        PopulationSeeded = true;
        return count;
    }

    /// <summary>
    /// The demo village: the 村 of 土桥镇 with the most households (ties by code), deterministic by seed. The village and
    /// cadre accounts still where <see cref="SeedAccountsAsync"/> put them move there; the later demo seeds put work in it
    /// (open problems, risk leads, a case under way) and give the cadre account a caseload of its households.
    /// </summary>
    public async Task<string?> DemoVillageAsync(CancellationToken ct)
    {
        var villages = regions.ChildrenOf(Township).Where(v => v.Name.Contains('村', StringComparison.Ordinal)).Select(v => v.Code).ToList();
        var counts = await db.Households.Where(h => villages.Contains(h.VillageCode)).GroupBy(h => h.VillageCode)
            .Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(ct);
        return counts.OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault()?.Code;
    }

    private async Task PlaceAccountsAsync(CancellationToken ct)
    {
        if (await DemoVillageAsync(ct) is not { } village) return;
        var first = regions.ChildrenOf(Township).FirstOrDefault()?.Code;
        db.SuppressAudit = true;
        foreach (var name in new[] { "village", "cadre" })
        {
            var user = await users.FindByNameAsync(name);
            if (user is null || user.RegionCode != first || user.RegionCode == village) continue;
            user.RegionCode = village;
            var r = await users.UpdateAsync(user);
            if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
        }
        db.SuppressAudit = false;
    }

    /// <summary>
    /// 农村户籍人口 per village for 贫困发生率 (synthetic, deterministic): about 1,600–3,200 in a 村, fewer in an urban 社区,
    /// in line with a district of some 700,000 registered residents.
    /// </summary>
    private async Task SeedRuralPopulationAsync(IReadOnlyList<string> villages, CancellationToken ct)
    {
        var rng = new Random(Seed);
        foreach (var code in villages)
        {
            var region = await db.Regions.FirstAsync(r => r.Code == code, ct);
            region.RuralPopulation = region.Name.Contains("社区", StringComparison.Ordinal) ? 300 + rng.Next(900) : 1600 + rng.Next(1600);
        }
        db.SuppressAudit = true;
        await db.SaveChangesAsync(ct);
        db.SuppressAudit = false;
        regions.Invalidate();
    }

    /// <summary>Writes generated households in batches, audit suppressed (one system entry would be noise ×12,571).</summary>
    public async Task<int> LoadAsync(IEnumerable<GeneratedHousehold> generated, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.SuppressAudit = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var today = DateOnly.FromDateTime(now);
        var count = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var g in generated)
        {
            var h = Household.Register(HouseholdNumbers.Format(g.VillageCode, g.SequenceInVillage), g.VillageCode, g.Facts,
                protector.ProtectPhone(g.Facts.Phone), now, "系统");
            foreach (var m in g.Members)
            {
                if (!IdNumberRule.TryParse(m.IdNumber, today, out var info, out var error))
                    throw new InvalidOperationException($"生成的身份证号码无效：{error}");
                Member.Create(h, m, protector.ProtectIdNumber(info!), info!.Gender, info.BirthDate, now, "系统");
            }
            foreach (var (year, lines) in g.Incomes)
                HouseholdIncome.Create(h, year, lines, lines.HouseholdSize ?? g.Members.Count, now, "系统");
            h.RefreshSummary();
            db.Households.Add(h);
            if (++count % 500 == 0)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                log.LogInformation("演示数据：已写入 {Count} 户", count);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.SuppressAudit = false;
        return count;
    }
}

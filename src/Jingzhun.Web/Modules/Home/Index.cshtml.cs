using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Home;

public sealed class IndexModel(AppDbContext db, CurrentUser me, Regions.RegionDirectory regions) : PageModel
{
    public string RegionName { get; private set; } = "";
    public string RegionPath { get; private set; } = "";
    public int Households { get; private set; }
    public int People { get; private set; }
    public IReadOnlyList<(HouseholdStatus Status, int Count)> ByStatus { get; private set; } = [];
    public int Dibao { get; private set; }
    public int Tekun { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var code = me.RegionCode ?? "";
        RegionName = regions.NameOf(code);
        RegionPath = code == "" ? "全国" : string.Join(" ", regions.PathOf(code).Select(r => r.Name));
        if (!me.Has(Permissions.RegistryView)) return;
        // The context's query filters already limit both sets to the user's region.
        Households = await db.Households.CountAsync(ct);
        People = await db.Members.CountAsync(m => m.Status == MemberStatus.Active, ct);
        ByStatus = (await db.Households.GroupBy(h => h.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .OrderBy(x => x.Key).Select(x => (x.Key, x.Count)).ToList();
        Dibao = await db.Households.CountAsync(h => h.IsDibao, ct);
        Tekun = await db.Households.CountAsync(h => h.IsTekun, ct);
    }
}

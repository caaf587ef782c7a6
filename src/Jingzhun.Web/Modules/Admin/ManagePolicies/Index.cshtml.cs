using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Admin.ManagePolicies;

/// <summary>政策参数: every policy table of the modules, with the places and years it holds rows for.</summary>
[Authorize(Policy = Permissions.PolicyEdit)]
public sealed class IndexModel(PolicyPages pages, PolicyStore store) : PageModel
{
    public sealed record TableSummary(IPolicyTable Table, int Rows, IReadOnlyList<(string Place, IReadOnlyList<int> Years)> Places, bool MaySet);

    public IReadOnlyList<TableSummary> Tables { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var list = new List<TableSummary>();
        foreach (var t in pages.Tables)
        {
            var rows = await t.RowsAsync(store, ct);
            var places = rows.GroupBy(r => r.Code)
                .Select(g => (pages.PlaceName(t, g.Key), (IReadOnlyList<int>)g.Select(r => r.Year).Order().ToList())).ToList();
            list.Add(new TableSummary(t, rows.Count, places, pages.MaySetAny(t)));
        }
        Tables = list;
    }
}

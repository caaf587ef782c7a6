using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Admin.ManagePolicies;

/// <summary>One policy table: every row's values under their Chinese names, and the latest changes (Beijing time).</summary>
[Authorize(Policy = Permissions.PolicyEdit)]
public sealed class TableModel(PolicyPages pages, PolicyStore store, TimeProvider clock) : PageModel
{
    public const int HistorySize = 50;

    public IPolicyTable Table { get; private set; } = null!;
    public IReadOnlyList<PolicyRowText> Rows { get; private set; } = [];
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];
    public bool MaySet { get; private set; }
    public int CurrentYear { get; private set; }
    /// <summary>For a table set each year: the places (the row for everywhere first) whose latest row is carried into the current year.</summary>
    public IReadOnlyList<(string Code, string Notice)> CarriedForward { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        if (pages.Find(key) is not { } table) return NotFound();
        Table = table;
        Rows = await table.RowsAsync(store, ct);
        History = await store.HistoryAsync(table, HistorySize, ct);
        MaySet = pages.MaySetAny(table);
        CurrentYear = ChinaTime.Today(clock).Year;
        if (table.SetEachYear)
            CarriedForward = Rows.GroupBy(r => r.Code).Select(g => (g.Key, Latest: g.Max(r => r.Year)))
                .Select(p => (p.Key, PolicyRow.CarriedForward(p.Key, p.Latest, p.Key, CurrentYear)))
                .Where(p => p.Item2 is not null).Select(p => (p.Key, p.Item2!)).ToList();
        return Page();
    }

    public string PlaceName(string code) => pages.PlaceName(Table, code);
    public bool MaySetRow(string code) => pages.MaySet(code);

}

using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Admin.SearchAudit;

/// <summary>操作日志: who changed what, when; scoped to the viewer's subtree by the handler.</summary>
[Authorize(Policy = Permissions.AuditView)]
public sealed class IndexModel(SearchAuditHandler handler, IEnumerable<IPolicyTable> policyTables, AppDbContext db) : PageModel
{
    /// <summary>The kinds of record to filter by: the registry's and the accounts', then every module's policy table.</summary>
    public IReadOnlyList<(string Type, string Label)> EntityTypes =>
        [.. AuditChangeText.EntityTypes, .. policyTables.Select(t => (t.RowType.Name, t.Title))];

    public string EntityLabel(string type) => policyTables.FirstOrDefault(t => t.RowType.Name == type)?.Title ?? AuditChangeText.EntityLabel(type);

    /// <summary>A policy table's own field names (the place and year are in the summary), else the common ones.</summary>
    public Func<string, string?>? FieldLabels(string type) =>
        policyTables.FirstOrDefault(t => t.RowType.Name == type) is { } table ? table.Heading : null;

    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    // "page" is a reserved route value in Razor Pages: the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public PageResult<AuditRow> Result { get; private set; } = new([], 1, 50, 0);
    public int PageCount => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Result = await handler.HandleAsync(new AuditQuery(UserName, Action, EntityType, HouseholdId, From, To, Q, PageNumber, 50), ct);
        People = await AuditText.PeopleAsync(db, Result.Items.Select(r => r.UserName), ct);
    }

    /// <summary>The authors of the rows shown: name and unit by user name.</summary>
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    public string PageUrl(int page, bool keepHousehold = true)
    {
        var q = new Dictionary<string, string?>
        {
            ["user"] = UserName, ["action"] = Action?.ToString(), ["entityType"] = EntityType, ["householdId"] = keepHousehold ? HouseholdId?.ToString() : null,
            ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["q"] = Q, ["p"] = page.ToString(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/audit",
            q.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => new KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>(kv.Key, kv.Value)));
    }
}

using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.FieldWork.SearchVisits;

/// <summary>走访记录: the same search as GET /api/v1/visits.</summary>
[Authorize(Permissions.RegistryView)]
public sealed class IndexModel(SearchVisitsHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public long? CadreId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public VisitKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<VisitRow>? Result { get; private set; }
    public string? Error { get; private set; }

    public string QueryString(int page) =>
        string.Join("&", new[] { ("region", Region), ("cadreId", CadreId?.ToString()), ("month", Month), ("kind", Kind?.ToString()),
                ("householdId", HouseholdId?.ToString()), ("pg", page.ToString()) }
            .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var r = await handler.SearchAsync(new VisitQuery(Region, CadreId, Month, Kind, HouseholdId, PageNumber, 50), ct);
        if (r.Succeeded) Result = r.Value;
        else Error = r.Failure!.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? r.Failure.Message;
    }
}

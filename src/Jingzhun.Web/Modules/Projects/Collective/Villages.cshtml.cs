using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>The villages behind a 村集体经济 figure (the drill-down): the same rule lists them as counts them.</summary>
[Authorize(Permissions.ProjectsView)]
public sealed class VillagesModel(CollectiveEconomyQuery query) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public CollectiveFilter? Filter { get; set; }

    public CollectiveVillagesView? View { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (ModelState.BindingErrors().Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return;
        }
        var r = await query.VillagesAsync(new CollectiveVillagesQuery(string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(), Year, Filter), ct);
        if (r.Succeeded) View = r.Value;
        else Error = r.Failure!.Message;
    }
}

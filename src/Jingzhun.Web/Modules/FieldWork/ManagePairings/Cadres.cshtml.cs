using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.FieldWork.ManagePairings;

/// <summary>帮扶干部 list: the same search as GET /api/v1/cadres.</summary>
[Authorize(Permissions.RegistryView)]
public sealed class CadresModel(ManageCadresHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool? ActiveOnly { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<CadreRow>? Result { get; private set; }
    public string? Error { get; private set; }
    public bool CanManage => me.Has(Permissions.FieldWorkManage);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var r = await handler.SearchAsync(new CadreQuery(Region, Q, ActiveOnly, PageNumber, 50), ct);
        if (r.Succeeded) Result = r.Value;
        else Error = r.Failure!.Message;
    }
}

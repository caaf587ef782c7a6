using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.FieldWork.ManagePairings;

/// <summary>Households with no active cadre: GET /api/v1/pairings/unpaired.</summary>
[Authorize(Permissions.RegistryView)]
public sealed class UnpairedModel(ManagePairingsHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }
    public PageResult<UnpairedRow>? Result { get; private set; }
    public bool CanManage => me.Has(Permissions.FieldWorkManage);

    public async Task OnGetAsync(CancellationToken ct) => Result = await handler.UnpairedAsync(Region, PageNumber, 200, ct);
}

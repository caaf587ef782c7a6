using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>主导产业 and 产业基地 of a region; the county registers its leading industries here.</summary>
[Authorize(Permissions.ProjectsView)]
public sealed class IndustryModel(ManageIndustryHandler handler, RegionDirectory regions, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty] public string? CountyCode { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Product { get; set; }
    [TempData] public string? Notice { get; set; }

    public IndustryView? View { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool CanAddIndustry => me.Has(Permissions.ProjectsApprove);

    /// <summary>The county whose industries the form adds to: the region shown, when it is a county.</summary>
    public string? County => View is { } v && regions.Find(v.Region) is { Level: RegionLevel.County } ? v.Region : null;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostIndustryAsync(CancellationToken ct)
    {
        if (!CanAddIndustry) return Forbid();
        var r = await handler.AddIndustryAsync(new AddLeadingIndustryRequest(CountyCode ?? "", Name ?? "", Product ?? ""), ct);
        if (r.Succeeded)
        {
            Notice = $"已登记主导产业“{r.Value!.Name}”";
            return Redirect("/projects/industry?region=" + r.Value.CountyCode);
        }
        Region = CountyCode;
        await LoadAsync(ct);
        Error = r.Failure!.Message;
        Errors = FormErrors.FieldErrors(r.Failure);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var r = await handler.ListAsync(new IndustryQuery(string.IsNullOrWhiteSpace(Region) ? null : Region.Trim()), ct);
        if (r.Succeeded) View = r.Value;
        else Error = r.Failure!.Message;
    }
}

using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>The fields of the site form (new and edit): bound from the form, turned into the handler's facts.</summary>
public abstract class SiteFormModel : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public SiteKind? Kind { get; set; }
    [BindProperty] public int? BuiltYear { get; set; }
    [BindProperty] public bool HasSchool { get; set; }
    [BindProperty] public bool HasClinic { get; set; }
    [BindProperty] public bool HasServiceCentre { get; set; }
    [BindProperty] public bool HasWorkshop { get; set; }
    [BindProperty] public string? Management { get; set; }

    public Dictionary<string, string[]> Errors { get; protected set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; protected set; }

    /// <summary>Binding errors and the required 安置方式; true when the form may go to the handler.</summary>
    protected bool Bound()
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0 && Kind is null) Errors["kind"] = ["请选择安置方式"];
        if (Errors.Count == 0) return true;
        Error = FormErrors.FixAndRetry;
        return false;
    }

    protected IActionResult Refused(Failure f)
    {
        if (f.Kind == FailureKind.NotFound) return NotFound();
        if (f.Kind == FailureKind.Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
        Errors = FormErrors.FieldErrors(f);
        Error = f.Message;
        return Page();
    }
}

/// <summary>新建安置点: the same handler as POST /api/v1/partners/relocation/sites.</summary>
[Authorize(Permissions.PartnersManage)]
public sealed class NewSiteModel(ManageSitesHandler handler) : SiteFormModel
{
    [BindProperty] public string? CommunityCode { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Bound()) return Page();
        var r = await handler.CreateAsync(new CreateSiteRequest(CommunityCode, Name, Kind!.Value, BuiltYear, HasSchool, HasClinic, HasServiceCentre, HasWorkshop,
            Management), ct);
        if (!r.Succeeded) return Refused(r.Failure!);
        TempData["Message"] = $"已新建安置点 {r.Value!.Site.Name}，请关联其搬迁户";
        return Redirect($"/partners/relocation/sites/{r.Value.Site.Id}");
    }
}

/// <summary>修改安置点: the same handler as PUT /api/v1/partners/relocation/sites/{id}.</summary>
[Authorize(Permissions.PartnersManage)]
public sealed class EditSiteModel(ManageSitesHandler handler) : SiteFormModel
{
    [BindProperty] public int Version { get; set; }
    public SiteView? Site { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, null, ct);
        if (!r.Succeeded) return NotFound();
        Site = r.Value;
        var s = Site!.Site;
        (Name, Kind, BuiltYear, HasSchool, HasClinic, HasServiceCentre, HasWorkshop, Management, Version) =
            (s.Name, s.Kind, s.BuiltYear, s.HasSchool, s.HasClinic, s.HasServiceCentre, s.HasWorkshop, s.Management, s.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var current = await handler.GetAsync(id, null, ct);
        if (!current.Succeeded) return NotFound();
        Site = current.Value;
        if (!Bound()) return Page();
        var r = await handler.EditAsync(id, new EditSiteRequest(Name, Kind!.Value, BuiltYear, HasSchool, HasClinic, HasServiceCentre, HasWorkshop, Management, Version), ct);
        if (!r.Succeeded) return Refused(r.Failure!);
        TempData["Message"] = $"已保存安置点 {r.Value!.Site.Name}";
        return Redirect($"/partners/relocation/sites/{id}");
    }
}

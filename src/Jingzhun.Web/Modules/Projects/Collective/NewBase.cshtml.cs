using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>The fields of the base form, to register a base (<see cref="NewBaseModel"/>) or correct one (<see cref="EditBaseModel"/>).</summary>
public abstract class BaseFormModel : PageModel
{
    [BindProperty] public long? IndustryId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Product { get; set; }
    [BindProperty] public decimal? AreaMu { get; set; }
    [BindProperty] public List<string> VillageCodes { get; set; } = [];
    [BindProperty] public int? Households { get; set; }
    [BindProperty] public int? PoorHouseholds { get; set; }
    [BindProperty] public string? Operators { get; set; }
    [BindProperty] public FarmerLinkMethod? LinkMethod { get; set; }
    [BindProperty] public List<long> ProjectIds { get; set; } = [];

    public BaseFormOptions? Options { get; protected set; }
    public Dictionary<string, string[]> Errors { get; protected set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; protected set; }
    /// <summary>The form's button.</summary>
    public abstract string Submit { get; }

    /// <summary>Saves a form that bound and goes back to the list with a notice; else keeps the errors to show the form again (null).</summary>
    protected async Task<IActionResult?> SaveAsync(Func<Task<Outcome<IndustryBaseView>>> save, Func<IndustryBaseView, string> notice)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return null;
        }
        var r = await save();
        if (r.Succeeded)
        {
            TempData[nameof(IndustryModel.Notice)] = notice(r.Value!);
            return Redirect("/projects/industry");
        }
        Error = r.Failure!.Message;
        Errors = FormErrors.FieldErrors(r.Failure);
        return null;
    }
}

/// <summary>登记产业基地: the township (or the county, for a base across townships) first, then its villages, industry and projects to choose from.</summary>
[Authorize(Permissions.ProjectsImplement)]
public sealed class NewBaseModel(ManageIndustryHandler handler, RegionDirectory regions, CurrentUser me) : BaseFormModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
    /// <summary>Where the user may put a base: their county (across townships) and its townships, or their own township.</summary>
    public IReadOnlyList<(string Code, string Name)> Places { get; private set; } = [];
    public override string Submit => "登记基地";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(Region, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await SaveAsync(() => handler.CreateBaseAsync(new CreateIndustryBaseRequest(RegionCode ?? "", IndustryId, Name ?? "", Product ?? "", AreaMu ?? 0,
                VillageCodes, Households ?? 0, PoorHouseholds ?? 0, Operators ?? "", LinkMethod ?? 0, ProjectIds), ct), b => $"已登记产业基地“{b.Name}”") is { } saved)
            return saved;
        await LoadAsync(RegionCode, ct);
        return Page();
    }

    private async Task LoadAsync(string? asked, CancellationToken ct)
    {
        var own = me.RegionCode ?? "";
        var node = regions.Find(own);
        Places = node?.Level switch
        {
            RegionLevel.County => [(own, node.Name + "（跨乡镇）"), .. regions.ChildrenOf(own).Where(t => t.Level == RegionLevel.Township).Select(t => (t.Code, t.Name))],
            RegionLevel.Township => [(own, node.Name)],
            _ => [],
        };
        var region = !string.IsNullOrWhiteSpace(asked) ? asked.Trim() : Places.Count > 1 ? Places[1].Code : Places.FirstOrDefault().Code;
        if (region is null)
        {
            Error ??= "请由区县或乡镇的项目实施人员登记产业基地";
            return;
        }
        var options = await handler.FormOptionsAsync(region, ct);
        if (options.Succeeded) Options = options.Value;
        else Error ??= options.Failure!.Message;
    }
}

using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>登记产业基地: the township (or the county, for a base across townships) first, then its villages, industry and projects to choose from.</summary>
[Authorize(Permissions.ProjectsImplement)]
public sealed class NewBaseModel(ManageIndustryHandler handler, RegionDirectory regions, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
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

    public BaseFormOptions? Options { get; private set; }
    /// <summary>Where the user may put a base: their county (across townships) and its townships, or their own township.</summary>
    public IReadOnlyList<(string Code, string Name)> Places { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(Region, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0)
        {
            var r = await handler.CreateBaseAsync(new CreateIndustryBaseRequest(RegionCode ?? "", IndustryId, Name ?? "", Product ?? "", AreaMu ?? 0,
                VillageCodes, Households ?? 0, PoorHouseholds ?? 0, Operators ?? "", LinkMethod ?? 0, ProjectIds), ct);
            if (r.Succeeded)
            {
                TempData[nameof(IndustryModel.Notice)] = $"已登记产业基地“{r.Value!.Name}”";
                return Redirect("/projects/industry");
            }
            Error = r.Failure!.Message;
            Errors = FormErrors.FieldErrors(r.Failure);
        }
        else Error = FormErrors.FixAndRetry;
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

using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.AssetChecks;

/// <summary>新建核查批次: a township checks its own assets; a county its own or one of its townships'.</summary>
[Authorize(Permissions.ProjectsImplement)]
public sealed class NewModel(ManageAssetChecksHandler handler, RegionDirectory regions, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public DateOnly? StartOn { get; set; }
    [BindProperty] public DateOnly? DueOn { get; set; }

    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    /// <summary>The regions a county or township user may check (their own, a county's townships); empty above a county: the picker.</summary>
    public IReadOnlyList<(string Code, string Label)> Choices
    {
        get
        {
            var own = regions.Find(me.RegionCode);
            return own?.Level switch
            {
                RegionLevel.Township => [(own.Code, own.Name)],
                RegionLevel.County => [(own.Code, own.Name + "（全区县）"), .. regions.ChildrenOf(own.Code).Select(t => (t.Code, t.Name))],
                _ => [],
            };
        }
    }

    public void OnGet()
    {
        var today = ChinaTime.Today(clock);
        Year ??= today.Year;
        StartOn ??= today;
        DueOn ??= today.AddMonths(1);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return Page();
        }
        var r = await handler.CreateAsync(new CreateAssetCheckRequest(Name ?? "", Year ?? 0, RegionCode?.Trim() ?? "", StartOn ?? default, DueOn ?? default), ct);
        if (r.Succeeded)
        {
            TempData[nameof(DetailModel.Notice)] = $"已新建核查批次，列出资产 {r.Value!.Check.Lines} 项";
            return Redirect($"/projects/assets/checks/{r.Value.Check.Id}");
        }
        Error = r.Failure!.Message;
        Errors = FormErrors.FieldErrors(r.Failure);
        return Page();
    }
}

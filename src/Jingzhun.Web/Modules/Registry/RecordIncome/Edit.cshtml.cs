using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Registry.RecordIncome;

/// <summary>收入信息采集 for one household-year; 人均纯收入 is computed by the handler, never typed.</summary>
[Authorize(Policy = Permissions.RegistryEdit)]
public sealed class EditModel(RecordIncomeHandler handler, GetHouseholdHandler get, TimeProvider clock) : PageModel
{
    [BindProperty] public IncomeLines Lines { get; set; } = new();

    public HouseholdView? Household { get; private set; }
    public IncomeView? Saved { get; private set; }
    public int Year { get; private set; }
    public int ThisYear { get; private set; }
    public string? Problem { get; private set; }

    private async Task<bool> LoadAsync([FromRoute] long id, [FromRoute] int year, CancellationToken ct)
    {
        var h = await get.HandleAsync(id, ct);
        if (!h.Succeeded) return false;
        Household = h.Value!;
        Year = year;
        ThisYear = ChinaTime.Today(clock).Year;
        var saved = await handler.GetAsync(id, year, ct);
        Saved = saved.Succeeded ? saved.Value : null;
        return true;
    }

    public async Task<IActionResult> OnGetAsync([FromRoute] long id, [FromRoute] int year, CancellationToken ct)
    {
        if (!await LoadAsync(id, year, ct)) return NotFound();
        Lines = Saved is { } s ? s.Lines with { Version = s.Version } : new IncomeLines { HouseholdSize = Household!.Size > 0 ? Household.Size : null };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] long id, [FromRoute] int year, CancellationToken ct)
    {
        if (!await LoadAsync(id, year, ct)) return NotFound();
        if (!ModelState.AcceptBinding())
        {
            Problem = FormErrors.FixAndRetry;
            return Page();
        }
        var result = await handler.SaveAsync(id, year, Lines, ct);
        if (!result.Succeeded)
        {
            if (result.Failure!.Kind == FailureKind.NotFound) return NotFound();
            Problem = ModelState.AddFailure(result.Failure, "Lines", "year");
            return Page();
        }
        var v = result.Value!;
        TempData["Message"] = $"{year}年收入已保存：家庭纯收入 {v.NetIncome:N2} 元，人均纯收入 {v.PerCapitaNetIncome:N2} 元（{v.Lines.HouseholdSize}人）";
        return Redirect($"/households/{id}/incomes/{year}");
    }
}

using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Registry.RecordIncome;

/// <summary>Chooses the year to record, then opens that year's income form.</summary>
[Authorize(Policy = Permissions.RegistryEdit)]
public sealed class NewModel(GetHouseholdHandler get, TimeProvider clock) : PageModel
{
    public HouseholdView? Household { get; private set; }
    public int ThisYear { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] long id, int? year, CancellationToken ct)
    {
        var h = await get.HandleAsync(id, ct);
        if (!h.Succeeded) return NotFound();
        Household = h.Value!;
        ThisYear = ChinaTime.Today(clock).Year;
        if (year is null) return Page();
        if (year >= RecordIncomeHandler.FirstYear && year <= ThisYear) return Redirect($"/households/{id}/incomes/{year}");
        Problem = $"收入年度应在{RecordIncomeHandler.FirstYear}至{ThisYear}年之间";
        return Page();
    }
}

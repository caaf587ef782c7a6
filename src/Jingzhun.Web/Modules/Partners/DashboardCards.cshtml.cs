using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Partners;

/// <summary>
/// The home dashboard's 易地搬迁后续扶持 and 消费帮扶与东西部协作 cards for a region the user sees (loaded by htmx after the
/// dashboard): this year's site figures, sales against the target and, for a county, each partnership's agreement of
/// this year with its indicators completed of those assessed.
/// </summary>
[Authorize(Permissions.PartnersView)]
public sealed class DashboardCardsModel(RegionDirectory regions, CurrentUser me, TimeProvider clock, Relocation.ManageSitesHandler relocation,
    Consumption.ConsumptionFiguresHandler consumption, Cooperation.ManageCooperationHandler cooperation) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public Relocation.RelocationFigures? Relocation { get; private set; }
    public Consumption.ConsumptionFiguresView? Consumption { get; private set; }
    public IReadOnlyList<(Cooperation.PartnershipRow Partnership, Cooperation.AgreementRow? Agreement)> Cooperation { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var asked = regions.Asked(Region, me);
        if (!asked.Succeeded) return NotFound();
        var code = asked.Value!;
        Relocation = (await relocation.FiguresAsync(code, null, ct)).Value;
        Consumption = (await consumption.FiguresAsync(code, null, ct)).Value;
        if (code.Length == 6)
        {
            var year = ChinaTime.Today(clock).Year;
            var found = (await cooperation.SearchAsync(new(code, null, null, 1, 10), ct)).Value?.Items ?? [];
            var list = new List<(Cooperation.PartnershipRow, Cooperation.AgreementRow?)>();
            foreach (var p in found)
                list.Add((p, (await cooperation.GetAsync(p.Id, ct)).Value?.Agreements.FirstOrDefault(a => a.Year == year)));
            Cooperation = list;
        }
        return Page();
    }
}

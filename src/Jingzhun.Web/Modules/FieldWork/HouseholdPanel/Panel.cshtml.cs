using Jingzhun.Web.Modules.FieldWork.ManagePairings;
using Jingzhun.Web.Modules.FieldWork.SearchVisits;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;

namespace Jingzhun.Web.Modules.FieldWork.HouseholdPanel;

/// <summary>The household page's 走访记录 panel, for everyone who may see the household (as the page itself).</summary>
[Authorize(Policy = Permissions.RegistryView)]
public sealed class FieldWorkPanelModel(AppDbContext db, SearchVisitsHandler visits, ManagePairingsHandler pairings, CurrentUser me) : HouseholdPanelPageModel(db)
{
    public const string Path = "/households/{id}/panels/fieldwork";

    public FieldWorkPanel Panel { get; private set; } = null!;
    public override object PartialModel => Panel;

    protected override string PartialName => "_FieldWorkPanel";

    protected override async Task LoadAsync(long householdId, CancellationToken ct) =>
        Panel = new(householdId, (await visits.SearchAsync(new(null, null, null, null, householdId, 1, 10), ct)).Value,
            (await pairings.HistoryAsync(householdId, ct)).Value ?? [], me.Has(Permissions.RegistryEdit));
}

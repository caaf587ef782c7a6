using Jingzhun.Web.Modules.Monitoring.IdentifyHouseholds;
using Jingzhun.Web.Modules.Monitoring.ManageLeads;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;

namespace Jingzhun.Web.Modules.Monitoring.HouseholdPanel;

/// <summary>The household page's 防返贫监测 panel: the household's cases (every period) and its leads awaiting 受理.</summary>
[Authorize(Policy = Permissions.MonitoringView)]
public sealed class MonitoringPanelModel(AppDbContext db, IdentifyHouseholdsHandler cases, ManageLeadsHandler leads, CurrentUser me) : HouseholdPanelPageModel(db)
{
    public const string Path = "/households/{id}/panels/monitoring";

    public IReadOnlyList<CaseRow> Cases { get; private set; } = [];
    public IReadOnlyList<LeadRow> OpenLeads { get; private set; } = [];
    public bool CanReportLead => me.Has(Permissions.MonitoringReport);

    protected override string PartialName => "_MonitoringPanel";

    protected override async Task LoadAsync(long householdId, CancellationToken ct)
    {
        Cases = (await cases.SearchAsync(new(null, null, null, null, null, householdId, 1, 50), ct)).Value?.Items ?? [];
        OpenLeads = (await leads.SearchAsync(new(null, LeadStatus.Open, null, null, householdId, 1, 50), ct)).Value?.Items ?? [];
    }
}

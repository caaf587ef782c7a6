using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;

namespace Jingzhun.Web.Modules.Partners.Relocation;

/// <summary>The household page's 易地搬迁后续扶持 panel: the site, the checklist, the supports; or why there is none.</summary>
[Authorize(Policy = Permissions.PartnersView)]
public sealed class RelocationPanelModel(AppDbContext db, ManageFollowUpHandler handler) : HouseholdPanelPageModel(db)
{
    public const string Path = "/households/{id}/panels/relocation";

    public FollowUpView? Record { get; private set; }
    public bool IsRelocated { get; private set; }

    protected override string PartialName => "_RelocationPanel";

    protected override async Task LoadAsync(long householdId, CancellationToken ct)
    {
        Record = (await handler.GetAsync(householdId, ct)).Value;
        IsRelocated = Record is not null || await handler.IsRelocatedAsync(householdId, ct);
    }
}

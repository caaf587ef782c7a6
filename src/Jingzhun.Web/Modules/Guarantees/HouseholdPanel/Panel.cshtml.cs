using Jingzhun.Web.Modules.Guarantees.AssessHouseholds;
using Jingzhun.Web.Modules.Guarantees.ManageProblems;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;

namespace Jingzhun.Web.Modules.Guarantees.HouseholdPanel;

/// <summary>The household page's 两不愁三保障 panel: the six dimensions and every problem of the household (open and closed).</summary>
[Authorize(Policy = Permissions.GuaranteesView)]
public sealed class GuaranteesPanelModel(AppDbContext db, AssessHouseholdsHandler assess, ManageProblemsHandler problems) : HouseholdPanelPageModel(db)
{
    public const string Path = "/households/{id}/panels/guarantees";

    public GuaranteePanel? Panel { get; private set; }
    public IReadOnlyList<ProblemRow> Problems { get; private set; } = [];

    protected override string PartialName => "_GuaranteesPanel";

    protected override async Task LoadAsync(long householdId, CancellationToken ct)
    {
        Panel = (await assess.PanelAsync(householdId, ct)).Value;
        Problems = (await problems.SearchAsync(new(null, null, null, null, null, null, householdId, null, null, 1, 100), ct)).Value?.Items ?? [];
    }
}

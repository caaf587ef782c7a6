using Jingzhun.Web.Modules.DataMatching.VerifyDoubts;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;

namespace Jingzhun.Web.Modules.DataMatching;

/// <summary>The household page's 大数据比对 panel: the household's 疑点 (latest first) with their state and a link to verify.</summary>
[Authorize(Policy = Permissions.MatchingView)]
public sealed class MatchingPanelModel(AppDbContext db, VerifyDoubtsHandler handler) : HouseholdPanelPageModel(db)
{
    public const string Path = "/households/{id}/panels/matching";

    public IReadOnlyList<DoubtRow> Doubts { get; private set; } = [];

    protected override string PartialName => "_MatchingPanel";

    protected override async Task LoadAsync(long householdId, CancellationToken ct) =>
        Doubts = (await handler.SearchAsync(new DoubtQuery(null, null, null, null, null, householdId, null, 1, 50), ct)).Value?.Items ?? [];
}

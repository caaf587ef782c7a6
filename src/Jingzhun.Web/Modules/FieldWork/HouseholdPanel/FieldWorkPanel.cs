using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Modules.FieldWork.ManagePairings;
using Jingzhun.Web.Modules.FieldWork.SearchVisits;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;

namespace Jingzhun.Web.Modules.FieldWork.HouseholdPanel;

/// <summary>The household page's 走访记录 panel: latest visits and the pairing history.</summary>
public sealed record FieldWorkPanel(long HouseholdId, PageResult<VisitRow>? Visits, IReadOnlyList<PairingRow> Pairings, bool CanRecord);

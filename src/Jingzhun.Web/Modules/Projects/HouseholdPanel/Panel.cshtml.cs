using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.HouseholdPanel;

/// <summary>One project a household benefits from (联农带农), as the household page lists it.</summary>
public sealed record HouseholdProjectRow(long Id, string Name, int Year, ProjectCategory Category, ProjectStage Stage, BenefitKind Benefit);

/// <summary>An asset given to the household (到户类).</summary>
public sealed record HouseholdAssetRow(long Id, string Name, decimal Quantity, string Unit, decimal Value, Assets.AssetStatus Status);

/// <summary>A dividend the household received (or is to receive) from an asset's yearly income.</summary>
public sealed record HouseholdDividendRow(long AssetId, string AssetName, int Year, decimal Amount, Assets.DistributionStatus Status, bool InIncome);

/// <summary>
/// The household page's 帮扶项目 panel: the projects that bring the household along and how (wages, dividends, land rent,
/// purchase, facilities), the assets it was given (到户类) and the dividends it received from assets' incomes. Only projects in the user's scope are listed (the projects' own filter): a project spanning
/// several townships is not shown to a township user, as in the project list.
/// </summary>
[Authorize(Policy = Permissions.ProjectsView)]
public sealed class ProjectsPanelModel(AppDbContext db) : HouseholdPanelPageModel(db)
{
    public const string Path = "/households/{id}/panels/projects";

    private readonly AppDbContext _db = db;

    public IReadOnlyList<HouseholdProjectRow> Projects { get; private set; } = [];
    public IReadOnlyList<HouseholdAssetRow> Assets { get; private set; } = [];
    public IReadOnlyList<HouseholdDividendRow> Dividends { get; private set; } = [];

    protected override string PartialName => "_ProjectsPanel";

    protected override async Task LoadAsync(long householdId, CancellationToken ct)
    {
        Assets = await _db.ProjectAssets.AsNoTracking().Where(a => a.HouseholdId == householdId).OrderBy(a => a.Id)
            .Select(a => new HouseholdAssetRow(a.Id, a.Name, a.Quantity, a.Unit, a.Value, a.Status)).Take(100).ToListAsync(ct);
        Dividends = (await _db.AssetIncomes.AsNoTracking()
                .SelectMany(i => i.Dividends.Where(d => d.HouseholdId == householdId), (i, d) => new { i.AssetId, i.Year, d.Amount, i.Status, d.InIncome })
                .Join(_db.ProjectAssets.AsNoTracking(), d => d.AssetId, a => a.Id, (d, a) => new { d.AssetId, a.Name, d.Year, d.Amount, d.Status, d.InIncome })
                .OrderByDescending(d => d.Year).Take(100).ToListAsync(ct))
            .Select(d => new HouseholdDividendRow(d.AssetId, d.Name, d.Year, d.Amount, d.Status, d.InIncome)).ToList();
        Projects = (await _db.Projects.AsNoTracking()
                .SelectMany(p => p.Beneficiaries.Where(b => b.HouseholdId == householdId),
                    (p, b) => new { p.Id, p.Name, p.Year, p.Category, p.Stage, b.Benefit })
                .OrderByDescending(r => r.Year).ThenByDescending(r => r.Id)
                .Take(100)
                .ToListAsync(ct))
            .Select(r => new HouseholdProjectRow(r.Id, r.Name, r.Year, r.Category, r.Stage, r.Benefit)).ToList();
    }
}

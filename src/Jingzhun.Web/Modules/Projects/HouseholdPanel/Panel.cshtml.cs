using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects.HouseholdPanel;

/// <summary>One project a household benefits from (联农带农), as the household page lists it.</summary>
public sealed record HouseholdProjectRow(long Id, string Name, int Year, ProjectCategory Category, ProjectStage Stage, BenefitKind Benefit);

/// <summary>
/// The household page's 帮扶项目 panel: the projects that bring the household along and how (wages, dividends, land rent,
/// purchase, facilities). Only projects in the user's scope are listed (the projects' own filter): a project spanning
/// several townships is not shown to a township user, as in the project list.
/// </summary>
[Authorize(Policy = Permissions.ProjectsView)]
public sealed class ProjectsPanelModel(AppDbContext db) : HouseholdPanelPageModel(db)
{
    public const string Path = "/households/{id}/panels/projects";

    private readonly AppDbContext _db = db;

    public IReadOnlyList<HouseholdProjectRow> Projects { get; private set; } = [];

    protected override string PartialName => "_ProjectsPanel";

    protected override async Task LoadAsync(long householdId, CancellationToken ct) =>
        Projects = (await _db.Projects.AsNoTracking()
                .SelectMany(p => p.Beneficiaries.Where(b => b.HouseholdId == householdId),
                    (p, b) => new { p.Id, p.Name, p.Year, p.Category, p.Stage, b.Benefit })
                .OrderByDescending(r => r.Year).ThenByDescending(r => r.Id)
                .Take(100)
                .ToListAsync(ct))
            .Select(r => new HouseholdProjectRow(r.Id, r.Name, r.Year, r.Category, r.Stage, r.Benefit)).ToList();
}

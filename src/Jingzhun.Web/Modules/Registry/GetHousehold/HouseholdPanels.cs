using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.GetHousehold;

/// <summary>
/// A section of the household page that another module owns (两不愁三保障, 防返贫监测, 走访记录). The registry page is
/// the frame: it lists the registered panels the user may see and loads each one from the owning module's URL (htmx,
/// on load). A module registers its panel in its own <c>Add*</c> with <see cref="HouseholdPanelRegistration.AddHouseholdPanel"/>.
/// </summary>
public interface IHouseholdPanel
{
    /// <summary>Position on the page, ascending (the panels sit between 生产生活条件 and 家庭成员).</summary>
    int Order { get; }

    /// <summary>The section's heading, shown while the panel loads and in the no-script link.</summary>
    string Title { get; }

    /// <summary>The permission the user needs to see the panel; null: anyone who may see the household.</summary>
    string? Permission { get; }

    /// <summary>Where the owning module serves the panel for a household.</summary>
    string Url(long householdId);
}

/// <summary>A panel described by its values; the URL is the path with "{id}" replaced by the household's id.</summary>
public sealed record RegisteredHouseholdPanel(int Order, string Title, string? Permission, string Path) : IHouseholdPanel
{
    public string Url(long householdId) => Path.Replace("{id}", householdId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

public static class HouseholdPanelRegistration
{
    public static IServiceCollection AddHouseholdPanel(this IServiceCollection services, int order, string title, string? permission, string path) =>
        services.AddSingleton<IHouseholdPanel>(new RegisteredHouseholdPanel(order, title, permission, path));
}

/// <summary>
/// The page of a module's household panel: 404 for a household outside the user's scope (the registry's query filter
/// decides), then the module loads its data. An htmx request gets the section alone (<see cref="PartialName"/>), a plain
/// request (the no-script link) the same section on a page of its own.
/// </summary>
public abstract class HouseholdPanelPageModel(AppDbContext db) : PageModel
{
    public long HouseholdId { get; private set; }
    public string HouseholdNumber { get; private set; } = "";
    public string HeadName { get; private set; } = "";

    /// <summary>The partial view, next to the page, that renders the section, and its model (the page model by default).</summary>
    protected abstract string PartialName { get; }
    public virtual object PartialModel => this;

    protected abstract Task LoadAsync(long householdId, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().Where(h => h.Id == id)
            .Select(h => new { h.HouseholdNumber, h.HeadName }).FirstOrDefaultAsync(ct);
        if (household is null) return NotFound();
        (HouseholdId, HouseholdNumber, HeadName) = (id, household.HouseholdNumber, household.HeadName);
        await LoadAsync(id, ct);
        var htmx = Request.Headers["HX-Request"] == "true" && Request.Headers["HX-History-Restore-Request"] != "true";
        return htmx ? Partial(PartialName, PartialModel) : Page();
    }
}

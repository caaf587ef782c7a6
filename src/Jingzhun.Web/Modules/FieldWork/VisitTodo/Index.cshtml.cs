using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.VisitTodo;

/// <summary>One cadre the reader may open the list of (their region's), told apart by unit and place.</summary>
public sealed record CadreChoice(long Id, string Name, string Unit, string RegionPath);

/// <summary>
/// 待走访清单: a pairing cadre's own list; an official whose account is not a cadre chooses one of their region's
/// cadres (searched by name) instead of meeting a "not found".
/// </summary>
[Authorize(Permissions.FieldWorkView)]
public sealed class IndexModel(VisitTodoHandler handler, AppDbContext db, CurrentUser user, Regions.RegionDirectory regions) : ViewPage<TodoView>
{
    [BindProperty(SupportsGet = true)] public long? CadreId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>Set when the reader has no list of their own and named no cadre: the cadres to choose from.</summary>
    public IReadOnlyList<CadreChoice>? Choices { get; private set; }
    public int ChoicesTotal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CadreId is null && !await db.Cadres.AnyAsync(c => c.UserId == user.Id && user.Id != null, ct))
        {
            var query = db.Cadres.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(Q)) query = query.Where(c => c.Name.Contains(Q.Trim()));
            ChoicesTotal = await query.CountAsync(ct);
            Choices = (await query.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(50).Select(c => new { c.Id, c.Name, c.Unit, c.RegionCode }).ToListAsync(ct))
                .Select(c => new CadreChoice(c.Id, c.Name, c.Unit, regions.ShortPath(c.RegionCode))).ToList();
            return Page();
        }
        return Show(await handler.HandleAsync(CadreId, Month, ct));
    }
}

using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Modules.FieldWork.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.VisitTodo;

public sealed record TodoItem(long HouseholdId, string HouseholdNumber, string HeadName, string VillageCode, string Kind, string Reason,
    DateOnly DueBy, bool Overdue);

public sealed record TodoView(string Month, long CadreId, string CadreName, int Households, int VisitedThisMonth, IReadOnlyList<TodoItem> Items);

/// <summary>
/// A cadre's to-do list (四必见): every obligation of the month not yet met, and last month's that were missed
/// (overdue). The signed-in cadre sees their own; township and county staff may open a cadre of their region.
/// </summary>
public sealed class VisitTodoHandler(AppDbContext db, ComplianceLoader loader, CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<TodoView>> HandleAsync(long? cadreId, string? month, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        if (ComplianceLoader.ParseMonth(month, today) is not var (year, m)) return Failure.Invalid("month", "月份格式应为 yyyy-MM，如 2026-03");
        var cadre = cadreId is { } id
            ? await db.Cadres.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Id, c.Name, c.RegionCode }).FirstOrDefaultAsync(ct)
            : await db.Cadres.AsNoTracking().Where(c => c.UserId == user.Id && user.Id != null).Select(c => new { c.Id, c.Name, c.RegionCode }).FirstOrDefaultAsync(ct);
        if (cadre is null) return Failure.NotFound(cadreId is null ? "与您账号关联的帮扶干部" : "该帮扶干部");
        var county = cadre.RegionCode.Length >= 6 ? cadre.RegionCode[..6] : cadre.RegionCode;

        var now = await loader.LoadAsync(county, year, m, cadre.Id, ct);
        var previous = new DateOnly(year, m, 1).AddMonths(-1);
        var last = await loader.LoadAsync(county, previous.Year, previous.Month, cadre.Id, ct);
        var items = new List<TodoItem>();
        var seen = new HashSet<(long, string)>();
        // This month's open obligations first, then last month's misses (a window spanning both months is listed once).
        foreach (var h in now.Households.Concat(last.Households))
            foreach (var o in h.Obligations.Where(o => !o.Met))
                if (seen.Add((h.HouseholdId, o.Label)))
                    items.Add(new TodoItem(h.HouseholdId, h.HouseholdNumber, h.HeadName, h.VillageCode, KindLabel(o.Kind), o.Label, o.DueBy, o.IsOverdue(today)));
        items = items.OrderByDescending(i => i.Overdue).ThenBy(i => i.DueBy).ThenBy(i => i.HouseholdNumber, StringComparer.Ordinal).ToList();
        return new TodoView($"{year:0000}-{m:00}", cadre.Id, cadre.Name, now.Households.Count, now.Households.Count(h => h.Monthly?.Met == true), items);
    }

    public static string KindLabel(VisitObligationKind k) => k switch
    {
        VisitObligationKind.Monthly => "月度",
        VisitObligationKind.Festival => "节日",
        VisitObligationKind.Season => "寒来暑往",
        _ => "危难",
    };

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/sync/todo", async (string? month, VisitTodoHandler h, CancellationToken ct) =>
                (await h.HandleAsync(null, month, ct)).ToHttp(v => TypedResults.Ok(new
                {
                    v.Month,
                    Items = v.Items.Select(i => new { i.HouseholdId, i.HouseholdNumber, i.HeadName, i.Reason, i.Kind, i.DueBy, i.Overdue }),
                })))
            .RequireAuthorization(Permissions.FieldWorkView)
            .WithName("SyncTodo").WithSummary("当前帮扶干部本月待走访清单（四必见）").WithTags("走访");
        api.MapGet("/fieldwork/todo", async (long? cadreId, string? month, VisitTodoHandler h, CancellationToken ct) =>
                (await h.HandleAsync(cadreId, month, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FieldWorkView)
            .WithName("VisitTodo").WithSummary("帮扶干部待走访清单（可指定本辖区干部）").WithTags("走访");
    }
}

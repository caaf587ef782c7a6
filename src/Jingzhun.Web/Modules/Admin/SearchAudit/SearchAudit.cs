using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auditing;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Admin.SearchAudit;

public sealed record AuditQuery(string? User, AuditAction? Action, string? EntityType, long? HouseholdId, DateOnly? From, DateOnly? To,
    string? Q, int? Page, int? PageSize);

public sealed record AuditRow(long Id, DateTime At, string UserName, AuditAction Action, string EntityType, string EntityId,
    long? HouseholdId, string RegionCode, string Summary, string Changes);

/// <summary>The audit log, scoped to the admin's subtree by the context filter.</summary>
public sealed class SearchAuditHandler(AppDbContext db)
{
    public async Task<PageResult<AuditRow>> HandleAsync(AuditQuery q, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.User)) query = query.Where(a => a.UserName == q.User.Trim());
        if (q.Action is { } action) query = query.Where(a => a.Action == action);
        if (!string.IsNullOrWhiteSpace(q.EntityType)) query = query.Where(a => a.EntityType == q.EntityType);
        if (q.HouseholdId is { } hid) query = query.Where(a => a.HouseholdId == hid);
        // Dates are Beijing calendar days.
        if (q.From is { } from) { var t = from.ToDateTime(TimeOnly.MinValue).AddHours(-8); query = query.Where(a => a.At >= t); }
        if (q.To is { } to) { var t = to.AddDays(1).ToDateTime(TimeOnly.MinValue).AddHours(-8); query = query.Where(a => a.At < t); }
        if (!string.IsNullOrWhiteSpace(q.Q)) query = query.Where(a => a.Summary.Contains(q.Q.Trim()));
        var items = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).PageAsync(Paging.Of(q.Page, q.PageSize, 50), page => page
            .Select(a => new AuditRow(a.Id, a.At, a.UserName, a.Action, a.EntityType, a.EntityId, a.HouseholdId, a.RegionCode, a.Summary, a.Changes))
            .ToListAsync(ct), ct);
        // Health details are not shown (AuditRedaction): that they changed and by whom is.
        return items.Select(a => a with { Changes = AuditRedaction.Redact(a.Changes) });
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/audit", async ([AsParameters] AuditQuery q, SearchAuditHandler h, CancellationToken ct) => TypedResults.Ok(await h.HandleAsync(q, ct)))
            .RequireAuthorization(Permissions.AuditView).RequireHouseholdInScope()
            .WithName("SearchAudit").WithSummary("操作日志查询（本辖区）").WithTags("审计");
}

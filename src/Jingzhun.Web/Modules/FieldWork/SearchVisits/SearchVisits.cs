using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.SearchVisits;

/// <summary>Filters of the visit list: region, cadre, month ("2026-11", China time), kind, household.</summary>
public sealed record VisitQuery(string? Region, long? CadreId, string? Month, VisitKind? Kind, long? HouseholdId, int? Page, int? PageSize);

public sealed record VisitRow(long Id, string ClientId, long HouseholdId, string HouseholdNumber, string HeadName, string VillageCode, string RegionPath,
    long CadreId, string CadreName, DateTime VisitedAt, DateTime EnteredAt, VisitKind Kind, string? Notes, int Photos, VisitUpdateState UpdateState,
    double? Latitude, double? Longitude, double? Accuracy, bool HeadSigned);

public sealed record VisitPhotoRow(string Id, string Url, string Sha256, DateTime? TakenAt, bool HadLocation);

/// <param name="Signature">户主签字 (shown as "户主已签字" with the image), null when the visit has none.</param>
public sealed record VisitDetail(VisitRow Visit, IReadOnlyList<VisitPhotoRow> Photos, string? HouseholdUpdateJson, IReadOnlyList<long> ProblemIds,
    IReadOnlyList<long> LeadIds, string CreatedBy, VisitPhotoRow? Signature);

public sealed class SearchVisitsHandler(AppDbContext db, FieldWorkAccess access, RegionDirectory regions)
{
    public async Task<Outcome<PageResult<VisitRow>>> SearchAsync(VisitQuery q, CancellationToken ct)
    {
        var query = (await access.VisitsAsync(ct)).AsNoTracking();
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (region.Value is { } code) query = query.InRegion(code);
        if (q.CadreId is { } c) query = query.Where(v => v.CadreId == c);
        if (q.Kind is { } k) query = query.Where(v => v.Kind == k);
        if (q.HouseholdId is { } h) query = query.Where(v => v.HouseholdId == h);
        if (!string.IsNullOrWhiteSpace(q.Month))
        {
            if (!DateOnly.TryParseExact(q.Month.Trim() + "-01", "yyyy-MM-dd", out var first)) return Failure.Invalid("month", "月份格式应为 2026-11");
            // The month in Beijing time: from its first day 00:00 (UTC+8) to the next month's.
            var from = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            var to = first.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            query = query.Where(v => v.VisitedAt >= from && v.VisitedAt < to);
        }
        return await query.OrderByDescending(v => v.VisitedAt).ThenByDescending(v => v.Id)
            .PageAsync(Paging.Of(q.Page, q.PageSize), rows => RowsAsync(rows, ct), ct);
    }

    public async Task<Outcome<VisitDetail>> GetAsync(long id, CancellationToken ct)
    {
        var visits = (await access.VisitsAsync(ct)).AsNoTracking();
        var v = await visits.Include(x => x.Photos).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (v is null) return Failure.NotFound("该走访记录");
        var row = (await RowsAsync(visits.Where(x => x.Id == id), ct))[0];
        static VisitPhotoRow Photo(VisitPhoto p) => new(p.StoredFileId, $"/api/v1/files/{p.StoredFileId}", p.Sha256, p.TakenAt, p.ExifLatitude is not null);
        var photos = v.Photos.Where(p => !p.IsSignature).OrderBy(p => p.Id).Select(Photo).ToList();
        var signature = v.Photos.FirstOrDefault(p => p.IsSignature) is { } s ? Photo(s) : null;
        static List<long> Ids(string? csv) => csv is null ? [] : csv.Split(',').Select(long.Parse).ToList();
        return new VisitDetail(row, photos, v.HouseholdUpdateJson, Ids(v.ProblemIds), Ids(v.LeadIds), v.CreatedBy, signature);
    }

    // The household joins through its own scope filter (a visit in scope is of a household in scope); cadre names come
    // from a second read, since a county cadre may visit a village household the viewer's scope does not reach.
    private async Task<List<VisitRow>> RowsAsync(IQueryable<Visit> q, CancellationToken ct)
    {
        var rows = await (from v in q
                          join h in db.Households on v.HouseholdId equals h.Id
                          select new VisitRow(v.Id, v.ClientId, v.HouseholdId, h.HouseholdNumber, h.HeadName, v.VillageCode, "", v.CadreId, "",
                              v.VisitedAt, v.EnteredAt, v.Kind, v.Notes, v.Photos.Count(p => !p.IsSignature), v.UpdateState, v.Latitude, v.Longitude, v.Accuracy,
                              v.Photos.Any(p => p.IsSignature)))
            .ToListAsync(ct);
        var cadres = await CadreNames.LookupAsync(db, rows.Select(r => r.CadreId), ct);
        return rows.Select(r => r with
        {
            RegionPath = regions.ShortPath(r.VillageCode), CadreName = cadres.TryGetValue(r.CadreId, out var c) ? c.Name : "",
        }).ToList();
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/visits").WithTags("驻村帮扶");
        g.MapGet("", async ([AsParameters] VisitQuery q, SearchVisitsHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView).RequireHouseholdInScope().WithName("SearchVisits").WithSummary("走访记录（筛选 region、cadreId、month、kind、householdId）");
        g.MapGet("/{id:long}", async (long id, SearchVisitsHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView).WithName("GetVisit").WithSummary("走访详情（含照片）");
    }
}

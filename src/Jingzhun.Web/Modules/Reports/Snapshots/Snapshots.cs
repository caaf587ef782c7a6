using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Reports.Snapshots;

public sealed record CreateSnapshotRequest(
    [property: Text(12, "地区", typeof(RegistrySnapshot), nameof(RegistrySnapshot.RegionCode))] string? Region, int Year,
    [property: Text(100, "说明", typeof(RegistrySnapshot), nameof(RegistrySnapshot.Label))] string? Label, bool Replace = false);

public sealed record SnapshotInfo(long Id, string RegionCode, string RegionName, int Year, string Label, DateTime CreatedAt, string CreatedBy,
    int Households, int People, int ExitedHouseholds, int NotExitedHouseholds, int MonitoredHouseholds, int OrdinaryHouseholds);

public sealed record SnapshotHousehold(long HouseholdId, string HouseholdNumber, string HeadName, string VillageCode, string VillageName,
    HouseholdStatus Status, int Size, decimal? PerCapitaIncome);

public sealed record StatusCount(HouseholdStatus Status, string Label, int Before, int After, int Change);

public sealed record StatusChange(long HouseholdId, string HouseholdNumber, string HeadName, string VillageName, HouseholdStatus From,
    HouseholdStatus To, string FromLabel, string ToLabel);

public sealed record IncomeChange(long HouseholdId, string HouseholdNumber, string HeadName, string VillageName, int? FromYear,
    decimal? FromIncome, int? ToYear, decimal? ToIncome, decimal? Difference);

/// <summary>What changed between two freezes of the same region: households in and out, status and income changes.</summary>
public sealed record SnapshotComparison(SnapshotInfo From, SnapshotInfo To, IReadOnlyList<StatusCount> Counts, int HouseholdsBefore,
    int HouseholdsAfter, int PeopleBefore, int PeopleAfter, IReadOnlyList<SnapshotHousehold> Added, IReadOnlyList<SnapshotHousehold> Removed,
    IReadOnlyList<StatusChange> StatusChanges, IReadOnlyList<IncomeChange> IncomeChanges);

/// <summary>
/// 年度数据冻结: a county (or lower) administrator copies the registry of their region for a year, synchronously (a
/// county is thousands of rows), and compares two freezes. Snapshots are scoped like the registry: a user sees those
/// of regions in their subtree (the context's query filter on the snapshot's region).
/// </summary>
public sealed class SnapshotsHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    public const int FirstYear = 2014;

    private IQueryable<RegistrySnapshot> Snapshots => db.Set<RegistrySnapshot>();

    public async Task<Outcome<SnapshotInfo>> CreateAsync(CreateSnapshotRequest request, CancellationToken ct)
    {
        if (TextLimits.Check(request) is { } tooLong) return tooLong;
        var code = string.IsNullOrWhiteSpace(request.Region) ? user.RegionCode ?? "" : request.Region.Trim();
        if (!RegionCodes.IsValid(code) || regions.Find(code) is null) return Failure.Invalid("region", "请选择要冻结的地区（区县、乡镇或村）");
        if (!user.CanSee(code)) return Failure.NotFound("该地区");
        var thisYear = ChinaTime.Today(clock).Year;
        if (request.Year < FirstYear || request.Year > thisYear) return Failure.Invalid("year", $"年度应在{FirstYear}至{thisYear}年之间");
        var label = string.IsNullOrWhiteSpace(request.Label) ? $"{request.Year}年度数据冻结" : request.Label.Trim();

        var existing = await Snapshots.FirstOrDefaultAsync(s => s.RegionCode == code && s.Year == request.Year, ct);
        if (existing is not null && !request.Replace)
            return Failure.Conflict($"{regions.NameOf(code)}{request.Year}年度数据已于{ChinaTime.Format(existing.CreatedAt)}由{existing.CreatedBy}冻结（快照 {existing.Id}），"
                + "每个地区每年只保留一份；如需重新冻结，请确认替换");

        var rows = (await db.Households.AsNoTracking()
                .InRegion(code)
                .OrderBy(h => h.Id)
                .Select(h => new { h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode, h.Status, h.Attribute, h.Size, h.LatestIncomeYear,
                    h.LatestPerCapitaIncome, h.MainCause, h.Class321 })
                .ToListAsync(ct))
            .Select(h => RegistrySnapshotRow.Of(h.Id, h.HouseholdNumber, h.HeadName, h.VillageCode, h.Status, h.Attribute, h.Size,
                h.LatestIncomeYear, h.LatestPerCapitaIncome, h.MainCause, h.Class321))
            .ToList();
        var snapshot = RegistrySnapshot.Take(code, request.Year, label, rows, clock.GetUtcNow().UtcDateTime, user.UserName);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (existing is not null)
        {
            // 替换: the old freeze goes entirely (its rows by cascade), inside the same transaction as the new copy.
            db.Remove(existing);
            await db.SaveChangesAsync(ct);
        }
        db.Add(snapshot);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Two freezes of the same region and year at once: the unique index keeps one.
            return Failure.Conflict($"{regions.NameOf(code)}{request.Year}年度数据刚刚已被冻结，请刷新后查看");
        }
        await tx.CommitAsync(ct);
        return Info(snapshot);
    }

    public async Task<IReadOnlyList<SnapshotInfo>> ListAsync(string? region, CancellationToken ct)
    {
        var query = Snapshots.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(region) && RegionCodes.IsValid(region.Trim()))
        {
            var code = region.Trim();
            query = query.Where(s => s.RegionCode.StartsWith(code));
        }
        var list = await query.OrderBy(s => s.RegionCode).ThenByDescending(s => s.Year).ToListAsync(ct);
        return list.Select(Info).ToList();
    }

    public async Task<Outcome<SnapshotComparison>> CompareAsync(long from, long to, CancellationToken ct)
    {
        var a = await Snapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == from, ct);
        var b = await Snapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == to, ct);
        if (a is null || b is null) return Failure.NotFound("该数据快照");
        if (a.RegionCode != b.RegionCode) return Failure.Invalid("to", "只能比较同一地区的两份快照");
        var before = await RowsAsync(a.Id, ct);
        var after = await RowsAsync(b.Id, ct);

        SnapshotHousehold Of(RegistrySnapshotRow r) =>
            new(r.HouseholdId, r.HouseholdNumber, r.HeadName, r.VillageCode, regions.NameOf(r.VillageCode), r.Status, r.Size, r.PerCapitaIncome);
        var added = after.Values.Where(r => !before.ContainsKey(r.HouseholdId)).OrderBy(r => r.HouseholdNumber, StringComparer.Ordinal).Select(Of).ToList();
        var removed = before.Values.Where(r => !after.ContainsKey(r.HouseholdId)).OrderBy(r => r.HouseholdNumber, StringComparer.Ordinal).Select(Of).ToList();
        var both = after.Values.Where(r => before.ContainsKey(r.HouseholdId)).OrderBy(r => r.HouseholdNumber, StringComparer.Ordinal)
            .Select(r => (Old: before[r.HouseholdId], New: r)).ToList();
        var statusChanges = both.Where(x => x.Old.Status != x.New.Status)
            .Select(x => new StatusChange(x.New.HouseholdId, x.New.HouseholdNumber, x.New.HeadName, regions.NameOf(x.New.VillageCode),
                x.Old.Status, x.New.Status, Labels.Of(x.Old.Status), Labels.Of(x.New.Status)))
            .ToList();
        var incomeChanges = both.Where(x => x.Old.PerCapitaIncome != x.New.PerCapitaIncome || x.Old.IncomeYear != x.New.IncomeYear)
            .Select(x => new IncomeChange(x.New.HouseholdId, x.New.HouseholdNumber, x.New.HeadName, regions.NameOf(x.New.VillageCode),
                x.Old.IncomeYear, x.Old.PerCapitaIncome, x.New.IncomeYear, x.New.PerCapitaIncome,
                x.Old.PerCapitaIncome is { } o && x.New.PerCapitaIncome is { } n ? n - o : null))
            .ToList();
        var counts = Enum.GetValues<HouseholdStatus>()
            .Select(st => new StatusCount(st, Labels.Of(st), a.CountOf(st), b.CountOf(st), b.CountOf(st) - a.CountOf(st))).ToList();
        return new SnapshotComparison(Info(a), Info(b), counts, a.Households, b.Households, a.People, b.People, added, removed,
            statusChanges, incomeChanges);
    }

    private async Task<Dictionary<long, RegistrySnapshotRow>> RowsAsync(long snapshotId, CancellationToken ct) =>
        await db.Set<RegistrySnapshotRow>().AsNoTracking().Where(r => r.SnapshotId == snapshotId).ToDictionaryAsync(r => r.HouseholdId, ct);

    private SnapshotInfo Info(RegistrySnapshot s) => new(s.Id, s.RegionCode, regions.NameOf(s.RegionCode), s.Year, s.Label, s.CreatedAt, s.CreatedBy,
        s.Households, s.People, s.ExitedHouseholds, s.NotExitedHouseholds, s.MonitoredHouseholds, s.OrdinaryHouseholds);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/snapshots").WithTags("年度数据冻结");
        g.MapGet("", async (string? region, SnapshotsHandler h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(region, ct)))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("ListSnapshots").WithSummary("数据快照列表（本辖区）");
        g.MapPost("", async (CreateSnapshotRequest request, SnapshotsHandler h, CancellationToken ct) =>
                (await h.CreateAsync(request, ct)).ToHttp(s => TypedResults.Created($"/api/v1/snapshots/{s.Id}", s)))
            .RequireAuthorization(Permissions.RegistrySnapshot)
            .WithName("CreateSnapshot").WithSummary("年度数据冻结（每个地区每年一份；replace=true 确认替换）");
        g.MapGet("/compare", async (long from, long to, SnapshotsHandler h, CancellationToken ct) =>
                (await h.CompareAsync(from, to, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView)
            .WithName("CompareSnapshots").WithSummary("比较两份快照：新增、减少、户类型变化、收入变化");
    }
}

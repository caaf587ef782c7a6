using System.Security.Cryptography;
using Jingzhun.Web.Modules.Exit;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Guarantees.ManageProblems;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Monitoring.ManageLeads;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Sampling.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Excel;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Sampling;

public sealed record CampaignQuery(string? Region, int? Page, int? PageSize);

/// <summary>新建回头看抽样: region (county or township), purpose, frame, design, margin e, expected rate p, non-response allowance, reserves, seed (blank = generated).</summary>
public sealed record CreateCampaignRequest(
    [property: Text(12, "核查地区", typeof(SamplingCampaign), nameof(SamplingCampaign.RegionCode))] string? Region,
    [property: Text(100, "抽样名称", typeof(SamplingCampaign), nameof(SamplingCampaign.Name))] string? Name,
    int? Year, SamplingPurpose Purpose, SamplingFrame Frame, SamplingDesign Design, decimal? Margin, decimal? ExpectedRate, decimal? NonResponse,
    int? Reserves, int? Seed);

/// <summary>样本量测算 for a region's frame.</summary>
public sealed record SizeQuery(string? Region, SamplingFrame? Frame, decimal? Margin, decimal? ExpectedRate, decimal? NonResponse);

public sealed record CampaignRow(long Id, string Name, string RegionCode, string RegionName, int Year, SamplingPurpose Purpose, SamplingFrame Frame,
    SamplingDesign Design, int Seed, int FrameSize, int SampleSize, bool Drawn, DateTime? DrawnAt, int Visited, int Version);

/// <summary>A stratum of the draw: its frame size N_h, its sample n_h and how far the visits are.</summary>
public sealed record StratumRow(string Code, string Name, int FrameSize, int Sample, int Reserves, int Visited, int NotReached, int Pending);

/// <summary>An estimated rate with its 95% interval and the limit it is compared with (exactly, before rounding).</summary>
public sealed record RateView(string Name, string Domain, double Rate, double Low, double High, double StandardError, int Sampled, int Found,
    decimal LimitPercent, bool LimitIsMaximum, bool Meets, bool IntervalClear);

public sealed record CampaignView(CampaignRow Campaign, decimal ExpectedRate, decimal Margin, decimal NonResponse, int Reserves, SampleSize Size,
    IReadOnlyList<StratumRow> Strata, IReadOnlyList<RateView> Estimates, string? ExitLink, decimal PovertyLine, DateTime CreatedAt, string CreatedBy,
    string? DrawnBy);

/// <summary>A sampled household as listed (household number and head's name; no ID number).</summary>
public sealed record SampleRow(long Id, long CampaignId, string CampaignName, long HouseholdId, string HouseholdNumber, string HeadName, string VillageCode,
    string RegionPath, string Stratum, int DrawOrder, HouseholdStatus HouseholdStatus, SampleStatus Status, long? ReplacesId, long? ReplacedById,
    string? NonResponseReason, decimal? IncomePerCapita, Secured? FoodClothing, Secured? Education, Secured? Medical, Secured? Housing, Secured? Water,
    bool? AssistanceReceived, string? AssistanceNote, int? Satisfaction, bool? ShouldBeRegistered, DateOnly? VisitedOn, string? VisitedBy, string? Note,
    long? LeadId, int Version);

public sealed record SampleQuery(long? CampaignId, SampleStatus? Status, int? Page, int? PageSize);

/// <summary>入户问卷 on the version read.</summary>
public sealed record SurveyRequest(decimal? IncomePerCapita, Secured? FoodClothing, Secured? Education, Secured? Medical, Secured? Housing, Secured? Water,
    bool? AssistanceReceived,
    [property: Text(200, "帮扶情况说明", typeof(SampledHousehold), nameof(SampledHousehold.AssistanceNote))] string? AssistanceNote,
    int? Satisfaction, bool? ShouldBeRegistered, DateOnly? VisitedOn,
    [property: Text(64, "核查人", typeof(SampledHousehold), nameof(SampledHousehold.VisitedBy))] string? VisitedBy,
    [property: Text(500, "备注", typeof(SampledHousehold), nameof(SampledHousehold.Note))] string? Note, int Version);

/// <summary>无法联系 or 拒访, with its reason, on the version read: the next reserve of the stratum takes the household's place.</summary>
public sealed record NonResponseRequest(SampleStatus Status,
    [property: Text(200, "原因", typeof(SampledHousehold), nameof(SampledHousehold.NonResponseReason))] string? Reason, int Version);

/// <summary>
/// The saved questionnaire, the lead it raised (null when none was raised by this save) and the 两不愁三保障 problems of the
/// items this save found 无保障 (opened now, or the household's open problem of that dimension it was linked to).
/// </summary>
public sealed record SurveyResult(SampleRow Household, LeadRow? Lead, IReadOnlyList<OpenedProblem> Problems);

public sealed class ManageSamplingHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock, PolicyStore policies,
    ManageLeadsHandler leads, ManageProblemsHandler problems)
{
    private const string Campaign = "该抽样核查";
    private const string Sampled = "该抽样户";
    private int ThisYear => ChinaTime.Today(clock).Year;

    private static readonly HouseholdStatus[] Registered = [HouseholdStatus.Exited, HouseholdStatus.NotExited, HouseholdStatus.Monitored];

    public static HouseholdStatus[] StatusesOf(SamplingFrame f) => f switch
    {
        SamplingFrame.ExitedAndMonitored => [HouseholdStatus.Exited, HouseholdStatus.Monitored],
        SamplingFrame.Exited => [HouseholdStatus.Exited],
        SamplingFrame.Ordinary => [HouseholdStatus.Ordinary],
        _ => [HouseholdStatus.Exited, HouseholdStatus.NotExited, HouseholdStatus.Monitored, HouseholdStatus.Ordinary],
    };

    private static string StratumOf(SamplingDesign d, string region, string village) => d switch
    {
        SamplingDesign.ByTownship => village[..9],
        SamplingDesign.ByVillage => village,
        _ => region,
    };

    private IQueryable<Household> FrameQuery(string region, SamplingFrame frame)
    {
        var statuses = StatusesOf(frame);
        return db.Households.AsNoTracking().InRegion(region).Where(h => statuses.Contains(h.Status));
    }

    private static Failure? CheckDesign(decimal? margin, decimal? p, decimal? r)
    {
        if (margin is not { } e || e < 0.005m || e > 0.2m) return Failure.Invalid("margin", "目标误差应在0.005至0.2之间（如0.05表示±5个百分点）");
        if (p is { } pp && (pp <= 0 || pp >= 1)) return Failure.Invalid("expectedRate", "预期比例应大于0且小于1（不确定时填0.5）");
        if (r is { } rr && (rr < 0 || rr > 0.5m)) return Failure.Invalid("nonResponse", "无应答预留比例应在0至0.5之间");
        return null;
    }

    private Outcome<string> RegionOf(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return Failure.Invalid("region", "请选择核查地区（区县或乡镇）");
        var c = code.Trim();
        if (regions.Find(c) is not { Level: RegionLevel.County or RegionLevel.Township }) return Failure.Invalid("region", "核查地区应为区县或乡镇");
        if (!user.CanSee(c)) return Failure.NotFound("该地区");
        return c;
    }

    /// <summary>样本量测算: the frame's size in the region and n with the formula's numbers.</summary>
    public async Task<Outcome<SampleSize>> SizeAsync(SizeQuery q, CancellationToken ct)
    {
        var region = RegionOf(q.Region);
        if (!region.Succeeded) return region.Failure!;
        if (q.Frame is { } f && !Enum.IsDefined(f)) return Failure.Invalid("frame", "抽样框无效，可选：脱贫户和监测户、脱贫户、一般农户、全部农户");
        if (CheckDesign(q.Margin, q.ExpectedRate, q.NonResponse) is { } bad) return bad;
        var n = await FrameQuery(region.Value!, q.Frame ?? SamplingFrame.ExitedAndMonitored).CountAsync(ct);
        return SamplingRules.Size(n, q.Margin!.Value, q.ExpectedRate ?? 0.5m, q.NonResponse ?? 0m);
    }

    private async Task<List<CampaignRow>> RowsAsync(IQueryable<SamplingCampaign> q, CancellationToken ct)
    {
        var list = await q.ToListAsync(ct);
        var ids = list.Select(c => c.Id).ToList();
        var visited = await db.SampledHouseholds.AcrossScopes("a campaign's count of visits, read with the campaign it is in scope of")
            .Where(s => ids.Contains(s.CampaignId) && s.Status == SampleStatus.Visited).GroupBy(s => s.CampaignId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return [.. list.Select(c => Row(c, visited.GetValueOrDefault(c.Id)))];
    }

    private CampaignRow Row(SamplingCampaign c, int visited) => new(c.Id, c.Name, c.RegionCode, regions.ShortPath(c.RegionCode), c.Year, c.Purpose, c.Frame,
        c.Design, c.Seed, c.FrameSize, c.SampleSize, c.Drawn, c.DrawnAt, visited, c.Version);

    public async Task<Outcome<PageResult<CampaignRow>>> SearchAsync(CampaignQuery q, CancellationToken ct)
    {
        var region = regions.Filter(q.Region);
        if (!region.Succeeded) return region.Failure!;
        var query = db.SamplingCampaigns.AsNoTracking();
        if (region.Value is { } code) query = query.InRegion(code);
        var p = Paging.Of(q.Page, q.PageSize);
        var total = await query.CountAsync(ct);
        var rows = await RowsAsync(query.OrderByDescending(c => c.Id).Skip((p.Page - 1) * p.Size).Take(p.Size), ct);
        return new PageResult<CampaignRow>(rows, p.Page, p.Size, total);
    }

    public async Task<Outcome<CampaignView>> CreateAsync(CreateCampaignRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var region = RegionOf(r.Region);
        if (!region.Succeeded) return region.Failure!;
        if (string.IsNullOrWhiteSpace(r.Name)) return Failure.Invalid("name", "请填写抽样名称");
        if (!Enum.IsDefined(r.Purpose)) return Failure.Invalid("purpose", "请选择核查目的：识别准确性、退出真实性、帮扶成效、群众认可度");
        if (!Enum.IsDefined(r.Frame)) return Failure.Invalid("frame", "请选择抽样框：脱贫户和监测户、脱贫户、一般农户、全部农户");
        if (!Enum.IsDefined(r.Design)) return Failure.Invalid("design", "请选择抽样设计：简单随机抽样、按乡镇分层抽样、按村分层抽样");
        if (r.Design == SamplingDesign.ByTownship && region.Value!.Length != 6) return Failure.Invalid("design", "按乡镇分层只适用于区县的抽样");
        if (CheckDesign(r.Margin, r.ExpectedRate, r.NonResponse) is { } bad) return bad;
        var year = r.Year ?? ThisYear;
        if (year < 2014 || year > ThisYear) return Failure.Invalid("year", $"年度应在2014年至{ThisYear}年之间");
        if (r.Reserves is { } res && (res < 0 || res > 20)) return Failure.Invalid("reserves", "每层备选户数应在0至20之间");
        if (r.Seed is { } s && s <= 0) return Failure.Invalid("seed", "随机种子应为正整数（留空则自动生成）");
        var frame = await FrameQuery(region.Value!, r.Frame).CountAsync(ct);
        if (frame == 0) return Failure.Invalid("frame", "该地区的抽样框没有农户");
        var size = SamplingRules.Size(frame, r.Margin!.Value, r.ExpectedRate ?? 0.5m, r.NonResponse ?? 0m);
        var seed = r.Seed ?? RandomNumberGenerator.GetInt32(1, int.MaxValue);
        var c = SamplingCampaign.Create(region.Value!, r.Name, year, r.Purpose, r.Frame, r.Design, r.Margin.Value, r.ExpectedRate ?? 0.5m, r.NonResponse ?? 0m,
            r.Reserves ?? 2, seed, frame, size.Sample, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.SamplingCampaigns.Add(c);
        await db.SaveChangesAsync(ct);
        return await GetAsync(c.Id, ct);
    }

    /// <summary>
    /// 抽样: fixes the frame (the region's households of the frame now, by stratum), allocates the sample, draws it with the
    /// campaign's seed and stores frame and sample in one save before anything of the sample is returned.
    /// </summary>
    public async Task<Outcome<CampaignView>> DrawAsync(long id, CancellationToken ct)
    {
        var c = await db.SamplingCampaigns.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Failure.NotFound(Campaign);
        if (c.Drawn) return Failure.Conflict("该抽样核查已经抽样，不能重抽（同一种子和抽样框可复现原样本）");
        var frame = await FrameQuery(c.RegionCode, c.Frame).Select(h => new { h.Id, h.VillageCode, h.Status }).ToListAsync(ct);
        if (frame.Count == 0) return Failure.Invalid("frame", "该地区的抽样框没有农户");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sample = Drawing(c, [.. frame.Select(h => (h.Id, h.VillageCode, h.Status))], now, user.UserName);
        // The frame and the campaign's draw stamp first, then the sample: both in the one transaction, before anything is shown.
        await db.SaveChangesAsync(ct);
        foreach (var s in sample) db.SampledHouseholds.Add(s(c.Id));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// The draw of a campaign on its frame: fixes the frame on the campaign (<see cref="SamplingCampaign.Draw"/>) and gives the
    /// sampled households (sample, then reserves, per stratum) to add once the campaign has its id.
    /// </summary>
    public static List<Func<long, SampledHousehold>> Drawing(SamplingCampaign c, IReadOnlyList<(long Id, string VillageCode, HouseholdStatus Status)> frame,
        DateTime now, string by)
    {
        var units = frame.Select(h => (Stratum: StratumOf(c.Design, c.RegionCode, h.VillageCode), h.Id)).ToList();
        var size = SamplingRules.Size(frame.Count, c.Margin, c.ExpectedRate, c.NonResponse);
        var allocation = SamplingRules.Allocate([.. units.GroupBy(u => u.Stratum).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))],
            size.Sample);
        var quota = allocation.ToDictionary(a => a.Stratum, a => a.Sample);
        var drawn = SamplingRules.Draw(units, allocation.ToDictionary(a => a.Stratum, a => a.Sample + c.ReservesPerStratum), c.Seed);
        var byId = frame.ToDictionary(h => h.Id);
        c.Draw(units.Select(u => new SamplingFrameUnit(u.Id, u.Stratum, byId[u.Id].Status)), size.Sample, now, by);
        return [.. drawn.Select(d => (Func<long, SampledHousehold>)(id => SampledHousehold.Drawn(id, d.Id, byId[d.Id].VillageCode, d.Stratum, d.Order,
            byId[d.Id].Status, d.Order > quota[d.Stratum], now, by)))];
    }

    public async Task<Outcome<CampaignView>> GetAsync(long id, CancellationToken ct)
    {
        var c = await db.SamplingCampaigns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Failure.NotFound(Campaign);
        var standard = await policies.InForceAsync<ExitStandard>(c.CountyCode, c.Year, ct);
        // The campaign's households, whichever village they are in: its readers see the whole campaign.
        var sample = await db.SampledHouseholds.AcrossScopes("the households of a campaign the reader sees").AsNoTracking()
            .Where(s => s.CampaignId == id).Select(s => new { s.Stratum, s.Status, s.HouseholdStatus, s.Satisfaction, s.ShouldBeRegistered, s.ReplacesId })
            .ToListAsync(ct);
        var frame = await db.Set<SamplingFrameUnit>().AsNoTracking().Where(u => u.CampaignId == id)
            .GroupBy(u => new { u.Stratum, u.Status }).Select(g => new { g.Key.Stratum, g.Key.Status, N = g.Count() }).ToListAsync(ct);
        var strata = frame.GroupBy(f => f.Stratum).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var mine = sample.Where(s => s.Stratum == g.Key).ToList();
            return new StratumRow(g.Key, g.Key == c.RegionCode && c.Design == SamplingDesign.Simple ? "全部（简单随机）" : regions.NameOf(g.Key), g.Sum(x => x.N),
                mine.Count(s => s.Status != SampleStatus.Reserve && s.ReplacesId is null),
                mine.Count(s => s.Status == SampleStatus.Reserve || s.ReplacesId is not null), mine.Count(s => s.Status == SampleStatus.Visited),
                mine.Count(s => s.Status is SampleStatus.Unreachable or SampleStatus.Refused), mine.Count(s => s.Status == SampleStatus.Pending));
        }).ToList();
        var visited = sample.Where(s => s.Status == SampleStatus.Visited).ToList();
        RateView? Rate(string name, string domain, Func<HouseholdStatus, bool> inDomain, Func<bool?, int?, bool> found, decimal limit, bool max)
        {
            var counts = frame.Where(f => inDomain(f.Status)).GroupBy(f => f.Stratum).Select(g =>
            {
                var seen = visited.Where(v => v.Stratum == g.Key && inDomain(v.HouseholdStatus)).ToList();
                return new StratumCount(g.Key, g.Sum(x => x.N), seen.Count, seen.Count(v => found(v.ShouldBeRegistered, v.Satisfaction)));
            }).ToList();
            if (counts.Sum(x => x.Size) == 0) return null;
            var e = SamplingRules.Estimate(counts);
            var meets = e.HasData && (max ? SamplingRules.Below(e.Exact, limit) : SamplingRules.AtLeast(e.Exact, limit));
            var clear = e.HasData && (max ? e.High < (double)limit / 100 : e.Low >= (double)limit / 100);
            return new RateView(name, domain, e.Rate, e.Low, e.High, e.StandardError, e.Sampled, e.Found, limit, max, meets, clear);
        }
        var estimates = new[]
        {
            Rate("错退率", "脱贫户", s => s == HouseholdStatus.Exited, (should, _) => should == true, standard.WrongExitMaxPercent, true),
            Rate("漏评率", "一般农户", s => s == HouseholdStatus.Ordinary, (should, _) => should == true, standard.MissedMaxPercent, true),
            Rate("群众认可度", "受访户", _ => true, (_, score) => score is { } v && SamplingRules.Satisfied(v), standard.RecognitionMinPercent, false),
        }.OfType<RateView>().ToList();
        string? exit = null;
        if (visited.Count > 0)
        {
            var exited = visited.Where(v => v.HouseholdStatus == HouseholdStatus.Exited).ToList();
            var ordinary = visited.Where(v => v.HouseholdStatus == HouseholdStatus.Ordinary).ToList();
            exit = $"/exit?tab=county&region={c.CountyCode}&year={c.Year}&Input.ExitedSampled={exited.Count}" +
                $"&Input.WronglyExited={exited.Count(v => v.ShouldBeRegistered == true)}&Input.NonPoorSampled={ordinary.Count}" +
                $"&Input.MissedFound={ordinary.Count(v => v.ShouldBeRegistered == true)}&Input.Surveyed={visited.Count(v => v.Satisfaction is not null)}" +
                $"&Input.Satisfied={visited.Count(v => v.Satisfaction is { } s && SamplingRules.Satisfied(s))}";
        }
        var size = SamplingRules.Size(c.FrameSize, c.Margin, c.ExpectedRate, c.NonResponse);
        return new CampaignView(Row(c, visited.Count), c.ExpectedRate, c.Margin, c.NonResponse, c.ReservesPerStratum, size, strata, estimates, exit,
            standard.PovertyLine, c.CreatedAt, c.CreatedBy, c.DrawnBy);
    }

    private IQueryable<SampleRow> SampleRows(IQueryable<SampledHousehold> q)
    {
        var households = db.Households.AsNoTracking();
        return from s in q
        join h in households on s.HouseholdId equals h.Id
        orderby s.CampaignId descending, s.Stratum, s.DrawOrder
        select new SampleRow(s.Id, s.CampaignId, "", s.HouseholdId, h.HouseholdNumber, h.HeadName, s.VillageCode, "", s.Stratum, s.DrawOrder,
            s.HouseholdStatus, s.Status, s.ReplacesId, s.ReplacedById, s.NonResponseReason, s.IncomePerCapita, s.FoodClothing, s.Education, s.Medical,
            s.Housing, s.Water, s.AssistanceReceived, s.AssistanceNote, s.Satisfaction, s.ShouldBeRegistered, s.VisitedOn, s.VisitedBy, s.Note, s.LeadId,
            s.Version);
    }

    /// <summary>Region paths and campaign names (a village reads the name of a county's campaign its household was drawn for).</summary>
    private async Task<List<SampleRow>> NamedAsync(IReadOnlyList<SampleRow> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.CampaignId).Distinct().ToList();
        // A separate query: crossing the scope ignores every filter of the query it is in.
        var names = await db.SamplingCampaigns.AcrossScopes("the name of the campaign a household in scope was drawn for")
            .Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return [.. rows.Select(r => r with { RegionPath = regions.ShortPath(r.VillageCode), CampaignName = names.GetValueOrDefault(r.CampaignId, "") })];
    }

    /// <summary>The sampled households of a campaign the reader sees (all of it for the campaign's region).</summary>
    public async Task<Outcome<IReadOnlyList<SampleRow>>> CampaignSampleAsync(long id, CancellationToken ct)
    {
        if (!await db.SamplingCampaigns.AnyAsync(c => c.Id == id, ct)) return Failure.NotFound(Campaign);
        var rows = await SampleRows(db.SampledHouseholds.AcrossScopes("the households of a campaign the reader sees").AsNoTracking()
            .Where(s => s.CampaignId == id)).ToListAsync(ct);
        return await NamedAsync(rows, ct);
    }

    /// <summary>本人管辖范围内的抽样户: a village sees the sampled households of its village, to visit.</summary>
    public async Task<Outcome<PageResult<SampleRow>>> MineAsync(SampleQuery q, CancellationToken ct)
    {
        if (q.Status is { } st && !Enum.IsDefined(st)) return Failure.Invalid("status", "状态无效");
        var query = db.SampledHouseholds.AsNoTracking().Where(s => s.Status != SampleStatus.Reserve);
        if (q.CampaignId is { } cid) query = query.Where(s => s.CampaignId == cid);
        if (q.Status is { } status) query = query.Where(s => s.Status == status);
        var result = await SampleRows(query).PageAsync(Paging.Of(q.Page, q.PageSize), ct);
        return result with { Items = await NamedAsync(result.Items, ct) };
    }

    public async Task<Outcome<SampleRow>> GetSampledAsync(long id, CancellationToken ct)
    {
        var row = await SampleRows(db.SampledHouseholds.AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(ct);
        return row is null ? Failure.NotFound(Sampled) : (await NamedAsync([row], ct))[0];
    }

    private static Failure? Stale(SampledHousehold s, int version) =>
        s.Version != version ? Failure.StaleEdit("该抽样户", s.UpdatedBy, s.UpdatedAt) : null;

    /// <summary>
    /// 入户问卷: recorded (and corrected) on the version read. A finding that is an error (应纳入 for a household not registered or
    /// exited, a verified income within the monitoring range, a 两不愁三保障 item 无保障) raises one monitoring risk lead (基层干部排查),
    /// never a second on a later save; an item newly found 无保障 also becomes one problem of the ledger. Source 督查暗访, not 入户走访:
    /// 回头看 is the county checking its own work on a sample, and its findings go on the 整改清单 the county reports apart from
    /// the problems of the cadres' routine visits (DOMAIN.md §9).
    /// </summary>
    public async Task<Outcome<SurveyResult>> SurveyAsync(long id, SurveyRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var s = await db.SampledHouseholds.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Failure.NotFound(Sampled);
        if (s.Status is SampleStatus.Reserve or SampleStatus.Unreachable or SampleStatus.Refused)
            return Failure.Conflict(s.Status == SampleStatus.Reserve ? "该户是未启用的备选户，不能录入问卷" : "该户已登记为无法联系或拒访，不能录入问卷");
        foreach (var (value, field, label) in new[] { (r.FoodClothing, "foodClothing", "吃穿"), (r.Education, "education", "义务教育"),
                     (r.Medical, "medical", "基本医疗"), (r.Housing, "housing", "住房安全"), (r.Water, "water", "饮水安全") })
            if (value is not { } v || !Enum.IsDefined(v)) return Failure.Invalid(field, $"请选择{label}：有保障或无保障");
        if (r.IncomePerCapita is { } inc && (inc < 0 || inc > 1_000_000)) return Failure.Invalid("incomePerCapita", "人均纯收入应在0至100万元之间");
        if (r.AssistanceReceived is null) return Failure.Invalid("assistanceReceived", "请选择是否得到帮扶");
        if (r.Satisfaction is not (>= 1 and <= 5)) return Failure.Invalid("satisfaction", "满意度应为1至5分");
        if (r.ShouldBeRegistered is null) return Failure.Invalid("shouldBeRegistered", "请选择该户是否应当纳入（继续纳入）建档或监测");
        var today = ChinaTime.Today(clock);
        if (r.VisitedOn is not { } on) return Failure.Invalid("visitedOn", "请填写核查日期");
        if (on > today) return Failure.Invalid("visitedOn", "核查日期不能晚于今天");
        if (string.IsNullOrWhiteSpace(r.VisitedBy)) return Failure.Invalid("visitedBy", "请填写核查人");
        var answers = new SurveyAnswers(r.IncomePerCapita, r.FoodClothing!.Value, r.Education!.Value, r.Medical!.Value, r.Housing!.Value, r.Water!.Value,
            r.AssistanceReceived.Value, r.AssistanceNote, r.Satisfaction.Value, r.ShouldBeRegistered.Value, on, r.VisitedBy, r.Note);
        // The same questionnaire sent again (the field app's retry after an answer lost on the way back) is the one saved:
        // answered with the current state, nothing recorded twice. Different answers on an old version are a stale edit.
        var replay = s.Status == SampleStatus.Visited && s.Answers() == answers.Normalized();
        if (!replay && Stale(s, r.Version) is { } stale) return stale;
        var opened = new List<OpenedProblem>();
        if (!replay)
        {
            // Items newly found 无保障 go onto the problem ledger before the answers are saved, so a failure here leaves the
            // questionnaire unsaved and a retry does it all again (linking to what it opened).
            foreach (var (dimension, label) in NewlyUnsecured(s, answers))
            {
                var problem = await problems.OpenOrLinkAsync(new OpenProblemRequest(s.HouseholdId, dimension, ProblemSource.Inspection, Severity.Normal,
                    $"回头看抽样核查（抽样 {s.CampaignId}，抽样户 {s.Id}）发现：{label}无保障"), ct);
                if (!problem.Succeeded) return problem.Failure!;
                opened.Add(problem.Value!);
            }
            s.Record(answers, clock.GetUtcNow().UtcDateTime, user.UserName);
            s.Filed(opened.Select(o => o.Problem.Id));
            await db.SaveChangesAsync(ct);
        }
        LeadRow? lead = null;
        var monitoring = await policies.InForceAsync<MonitoringPolicy>(s.VillageCode, s.VisitedOn!.Value.Year, ct);
        if (s.LeadId is null && Finding(s, monitoring.Threshold * (1 + monitoring.NearBand)) is { } detail)
        {
            var raised = await leads.RecordAsync(new RecordLeadRequest(s.HouseholdId, LeadSource.CadreCheck, detail), ct);
            if (!raised.Succeeded) return raised.Failure!;
            lead = raised.Value;
            s.Raised(lead!.Id);
            await db.SaveChangesAsync(ct);
        }
        var row = await GetSampledAsync(id, ct);
        return new SurveyResult(row.Value!, lead, opened);
    }

    /// <summary>
    /// The 两不愁三保障 items the answers find 无保障 that the household's saved questionnaire did not: each is one problem of
    /// the ledger (吃穿 is filed under 不愁吃, the ledger's first dimension of 两不愁; the text says 吃穿).
    /// </summary>
    private static IEnumerable<(Dimension Dimension, string Label)> NewlyUnsecured(SampledHousehold s, SurveyAnswers a)
    {
        var items = new[]
        {
            (a.FoodClothing, s.FoodClothing, Dimension.Food, "吃穿"), (a.Education, s.Education, Dimension.Education, "义务教育"),
            (a.Medical, s.Medical, Dimension.Medical, "基本医疗"), (a.Housing, s.Housing, Dimension.Housing, "住房安全"),
            (a.Water, s.Water, Dimension.Water, "饮水安全"),
        };
        return items.Where(i => i.Item1 == Secured.No && i.Item2 != Secured.No).Select(i => (i.Item3, i.Item4));
    }

    /// <summary>
    /// What of a questionnaire is an error to follow up, as the lead's text; null when nothing is. <paramref name="incomeLine"/>:
    /// the 防止返贫监测 range with its near band (threshold × (1 + band)); a 脱贫户 or 一般农户 verified at or below it is a risk.
    /// </summary>
    public static string? Finding(SampledHousehold s, decimal incomeLine)
    {
        var parts = new List<string>();
        if (s.IncomePerCapita is { } income && income <= incomeLine && s.HouseholdStatus is HouseholdStatus.Exited or HouseholdStatus.Ordinary)
            parts.Add($"核实人均纯收入 {income:0.##} 元，在监测范围内（{incomeLine:0.##} 元及以下）");
        if (s.ShouldBeRegistered == true && s.HouseholdStatus == HouseholdStatus.Exited) parts.Add("脱贫户经核查不应退出（疑似错退）");
        if (s.ShouldBeRegistered == true && s.HouseholdStatus == HouseholdStatus.Ordinary) parts.Add("一般农户经核查应纳入（疑似漏评）");
        var unsecured = s.Unsecured().ToList();
        if (unsecured.Count > 0) parts.Add("两不愁三保障无保障：" + string.Join("、", unsecured));
        return parts.Count == 0 ? null : $"回头看抽样核查（抽样 {s.CampaignId}）发现：{string.Join("；", parts)}";
    }

    /// <summary>无法联系 / 拒访 with a reason; the stratum's next reserve (in draw order) takes the household's place.</summary>
    public async Task<Outcome<SampleRow>> NonResponseAsync(long id, NonResponseRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        if (r.Status is not (SampleStatus.Unreachable or SampleStatus.Refused)) return Failure.Invalid("status", "请选择无法联系或拒访");
        if (string.IsNullOrWhiteSpace(r.Reason) || r.Reason.Trim().Length < 2) return Failure.Invalid("reason", "请说明原因");
        var s = await db.SampledHouseholds.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Failure.NotFound(Sampled);
        // The same non-response sent again (a retry from the field app) is the one recorded: no second replacement.
        if (s.Status == r.Status && s.NonResponseReason == r.Reason.Trim()) return (await GetSampledAsync(id, ct)).Value!;
        if (s.Status != SampleStatus.Pending) return Failure.Conflict("只有待入户的抽样户可以登记无法联系或拒访");
        if (Stale(s, r.Version) is { } stale) return stale;
        var reserve = await db.SampledHouseholds.AcrossScopes("the next reserve of the stratum, wherever its village")
            .Where(x => x.CampaignId == s.CampaignId && x.Stratum == s.Stratum && x.Status == SampleStatus.Reserve)
            .OrderBy(x => x.DrawOrder).FirstOrDefaultAsync(ct);
        s.NotReached(r.Status, r.Reason, reserve, clock.GetUtcNow().UtcDateTime, user.UserName);
        await db.SaveChangesAsync(ct);
        return (await GetSampledAsync(id, ct)).Value!;
    }

    public async Task<Outcome<IResult>> ExcelAsync(long id, CancellationToken ct)
    {
        var view = await GetAsync(id, ct);
        if (!view.Succeeded) return view.Failure!;
        var sample = (await CampaignSampleAsync(id, ct)).Value!;
        static string S(Secured? v) => v is null ? "" : Labels.Of(v);
        var v = view.Value!;
        var sheets = new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["样本户"] = sample.Count == 0 ? [ExcelFile.NoRows.ToDictionary()] : sample.Select(s => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["层"] = regions.NameOf(s.Stratum), ["抽中顺序"] = s.DrawOrder, ["户编号"] = s.HouseholdNumber, ["户主"] = s.HeadName, ["所在地区"] = s.RegionPath,
                ["户类型"] = Labels.Of(s.HouseholdStatus), ["状态"] = Labels.Of(s.Status), ["未核查原因"] = s.NonResponseReason ?? "",
                ["人均纯收入（元）"] = s.IncomePerCapita, ["吃穿"] = S(s.FoodClothing), ["义务教育"] = S(s.Education), ["基本医疗"] = S(s.Medical),
                ["住房安全"] = S(s.Housing), ["饮水安全"] = S(s.Water), ["得到帮扶"] = s.AssistanceReceived is { } a ? Labels.YesNo(a) : "",
                ["帮扶说明"] = s.AssistanceNote ?? "", ["满意度"] = s.Satisfaction, ["应纳入"] = s.ShouldBeRegistered is { } b ? Labels.YesNo(b) : "",
                ["核查日期"] = s.VisitedOn?.ToString("yyyy-MM-dd"), ["核查人"] = s.VisitedBy ?? "", ["风险线索"] = s.LeadId is null ? "" : "已登记",
            }),
            ["估计"] = v.Estimates.Count == 0 ? [ExcelFile.NoRows.ToDictionary()] : v.Estimates.Select(e => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["指标"] = e.Name, ["对象"] = e.Domain, ["样本户"] = e.Sampled, ["发现户"] = e.Found, ["估计值"] = Percent(e.Rate),
                ["95%置信区间"] = $"{Percent(e.Low)} ～ {Percent(e.High)}", ["标准"] = (e.LimitIsMaximum ? "< " : "≥ ") + e.LimitPercent + "%",
                ["结论"] = e.Meets ? "达标" : "未达标",
            }),
        };
        return Outcome<IResult>.From(await ExcelFile.SheetsResultAsync(sheets, $"回头看抽样核查结果_{v.Campaign.Name}.xlsx", ct));
    }

    public static string Percent(double rate) => (rate * 100).ToString("0.00") + "%";

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/sampling").WithTags("回头看抽样核查");
        g.MapGet("/size", async ([AsParameters] SizeQuery q, ManageSamplingHandler h, CancellationToken ct) => (await h.SizeAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.SamplingView)
            .WithName("SamplingSize").WithSummary("样本量测算：n0 = 1.96²·p(1−p)/e²，有限总体校正 n = n0/(1+(n0−1)/N)，向上取整，可加无应答预留");
        g.MapGet("/campaigns", async ([AsParameters] CampaignQuery q, ManageSamplingHandler h, CancellationToken ct) => (await h.SearchAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.SamplingView)
            .WithName("SearchSamplingCampaigns").WithSummary("回头看抽样核查列表（本人管辖地区的抽样）");
        g.MapPost("/campaigns", async (CreateCampaignRequest r, ManageSamplingHandler h, CancellationToken ct) =>
                (await h.CreateAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/sampling/campaigns/{v.Campaign.Id}", v)))
            .RequireAuthorization(Permissions.SamplingManage)
            .WithName("CreateSamplingCampaign").WithSummary("新建回头看抽样（地区、目的、抽样框、设计、目标误差、种子；抽样框户数和种子在抽样前记录）");
        g.MapGet("/campaigns/{id:long}", async (long id, ManageSamplingHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.SamplingView)
            .WithName("GetSamplingCampaign").WithSummary("一次抽样核查：设计、样本量、分层样本、错退率/漏评率/群众认可度估计及95%置信区间");
        g.MapPost("/campaigns/{id:long}/draw", async (long id, ManageSamplingHandler h, CancellationToken ct) => (await h.DrawAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.SamplingManage)
            .WithName("DrawSamplingCampaign").WithSummary("抽样：固定抽样框，按种子抽取样本户和备选户并记录（只能抽一次）");
        g.MapGet("/campaigns/{id:long}/households", async (long id, ManageSamplingHandler h, CancellationToken ct) =>
                (await h.CampaignSampleAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.SamplingView)
            .WithName("SamplingCampaignHouseholds").WithSummary("抽样核查的样本户和备选户（按层、抽中顺序）");
        g.MapGet("/campaigns/{id:long}/export", async (long id, ManageSamplingHandler h, CancellationToken ct) => (await h.ExcelAsync(id, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.SamplingView)
            .ProducesFile().WithName("ExportSamplingCampaign").WithSummary("抽样核查结果 Excel（样本户问卷、估计）");
        g.MapGet("/households", async ([AsParameters] SampleQuery q, ManageSamplingHandler h, CancellationToken ct) => (await h.MineAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.SamplingSurvey)
            .WithName("SearchSampledHouseholds").WithSummary("本人管辖范围内的抽样户（村干部入户核查）");
        g.MapGet("/households/{id:long}", async (long id, ManageSamplingHandler h, CancellationToken ct) => (await h.GetSampledAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.SamplingSurvey)
            .WithName("GetSampledHousehold").WithSummary("一个抽样户及其问卷");
        g.MapPut("/households/{id:long}/survey", async (long id, SurveyRequest r, ManageSamplingHandler h, CancellationToken ct) =>
                (await h.SurveyAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.SamplingSurvey)
            .WithName("RecordSamplingSurvey").WithSummary("录入入户问卷（收入、两不愁三保障、帮扶、满意度、是否应纳入）；发现问题时登记一条风险线索，无保障项列入两不愁三保障问题台账；同一问卷重复提交返回已保存的问卷");
        g.MapPost("/households/{id:long}/non-response", async (long id, NonResponseRequest r, ManageSamplingHandler h, CancellationToken ct) =>
                (await h.NonResponseAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.SamplingSurvey)
            .WithName("SamplingNonResponse").WithSummary("登记无法联系或拒访及原因，由本层下一备选户替补；同一登记重复提交返回当前状态");
    }
}

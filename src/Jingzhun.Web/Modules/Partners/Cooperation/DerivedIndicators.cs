using Jingzhun.Web.Modules.Employment;
using Jingzhun.Web.Modules.Partners.Consumption;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Partners.Cooperation;

/// <summary>An agreement as a derivation reads it: whose, which year, and the partner's province (东西部协作 only).</summary>
public sealed record AgreementScope(long AgreementId, long PartnershipId, PartnershipKind Kind, string CountyCode, int Year, string? PartnerProvinceCode);

/// <summary>
/// A source of figures the system already knows for some indicators of an agreement. The completion shows the derived
/// figure beside the manual deliveries and counts the derived one when it is above zero (<see cref="CompletionRules.Counted"/>).
/// Adding a source (the 消费帮扶 sales recorded with the partnership's id, for 消费帮扶：采购 / 帮销) is one more class
/// registered as <c>IDerivedIndicatorSource</c> in <see cref="CooperationModule"/>.
/// </summary>
public interface IDerivedIndicatorSource
{
    /// <summary>The indicators this source derives, with the rule as the page tells it.</summary>
    IReadOnlyDictionary<CooperationIndicator, string> Rules { get; }

    /// <summary>The derived figures of <paramref name="a"/>; an indicator left out does not apply to it (shown as manual only).</summary>
    Task<IReadOnlyDictionary<CooperationIndicator, decimal>> DeriveAsync(AgreementScope a, CancellationToken ct);
}

/// <summary>
/// 劳务协作 from the employment records (就业帮扶台账): the distinct registered members of the helped county with a job of
/// channel 劳务协作 running at some time in the agreement's year (started by 31 December, not ended before 1 January).
/// 到协作地就业: the job is 省外务工 in the partner's province (its place names the province, e.g. 山东省 or 山东日照);
/// 就地就近就业: the job is in the home province (乡镇内, 乡外县内 or 县外省内). Jobs of 劳务协作 in a third province count in
/// neither. Only for 东西部协作 (a central unit has no province): 定点帮扶 agreements keep manual figures.
/// </summary>
public sealed class LabourCooperationSource(AppDbContext db) : IDerivedIndicatorSource
{
    public IReadOnlyDictionary<CooperationIndicator, string> Rules { get; } = new Dictionary<CooperationIndicator, string>
    {
        [CooperationIndicator.LabourInPartnerProvince] = "本县建档立卡人口中，本年度有“劳务协作”渠道务工记录且在协作方所在省务工的人数（按人去重）",
        [CooperationIndicator.LabourAtHome] = "本县建档立卡人口中，本年度有“劳务协作”渠道务工记录且在本省（乡镇内、乡外县内、县外省内）务工的人数（按人去重）",
    };

    public async Task<IReadOnlyDictionary<CooperationIndicator, decimal>> DeriveAsync(AgreementScope a, CancellationToken ct)
    {
        if (a.Kind != PartnershipKind.EastWest || Provinces.NameOf(a.PartnerProvinceCode) is null) return new Dictionary<CooperationIndicator, decimal>();
        var from = new DateOnly(a.Year, 1, 1);
        var to = new DateOnly(a.Year, 12, 31);
        var jobs = await db.EmploymentRecords.AsNoTracking()
            .Where(e => e.CountyCode == a.CountyCode && e.Channel == JobChannel.LabourCooperation && e.StartedOn <= to && (e.EndedOn == null || e.EndedOn >= from))
            .Select(e => new { e.MemberId, e.Place, e.PlaceName }).ToListAsync(ct);
        var inPartner = jobs.Where(j => j.Place == WorkStatus.OutOfProvince && Provinces.Names(a.PartnerProvinceCode, j.PlaceName)).Select(j => j.MemberId).Distinct().Count();
        var atHome = jobs.Where(j => j.Place is WorkStatus.InTownship or WorkStatus.InCounty or WorkStatus.InProvince).Select(j => j.MemberId).Distinct().Count();
        return new Dictionary<CooperationIndicator, decimal>
        {
            [CooperationIndicator.LabourInPartnerProvince] = inPartner,
            [CooperationIndicator.LabourAtHome] = atHome,
        };
    }
}

/// <summary>The provinces by their two-digit division code (GB/T 2260), for a partner's province and a job's place name.</summary>
public static class Provinces
{
    private static readonly Dictionary<string, string> Names_ = new()
    {
        ["11"] = "北京市", ["12"] = "天津市", ["13"] = "河北省", ["14"] = "山西省", ["15"] = "内蒙古自治区", ["21"] = "辽宁省", ["22"] = "吉林省",
        ["23"] = "黑龙江省", ["31"] = "上海市", ["32"] = "江苏省", ["33"] = "浙江省", ["34"] = "安徽省", ["35"] = "福建省", ["36"] = "江西省",
        ["37"] = "山东省", ["41"] = "河南省", ["42"] = "湖北省", ["43"] = "湖南省", ["44"] = "广东省", ["45"] = "广西壮族自治区", ["46"] = "海南省",
        ["50"] = "重庆市", ["51"] = "四川省", ["52"] = "贵州省", ["53"] = "云南省", ["54"] = "西藏自治区", ["61"] = "陕西省", ["62"] = "甘肃省",
        ["63"] = "青海省", ["64"] = "宁夏回族自治区", ["65"] = "新疆维吾尔自治区",
    };

    public static string? NameOf(string? code) => code is { Length: >= 2 } c && Names_.TryGetValue(c[..2], out var n) ? n : null;

    /// <summary>The short name a place is written with: 山东, 内蒙古, 广西 ...</summary>
    public static string ShortOf(string name) => name switch
    {
        "内蒙古自治区" => "内蒙古", "广西壮族自治区" => "广西", "西藏自治区" => "西藏", "宁夏回族自治区" => "宁夏", "新疆维吾尔自治区" => "新疆",
        _ => name[..^1],
    };

    /// <summary>True when <paramref name="placeName"/> (a job's place, e.g. 山东省 or 山东日照) is in the province of <paramref name="code"/>.</summary>
    public static bool Names(string? code, string? placeName) =>
        NameOf(code) is { } n && placeName is { Length: > 0 } p && p.Trim().StartsWith(ShortOf(n), StringComparison.Ordinal);
}

/// <summary>
/// 消费帮扶：采购 from the 消费帮扶 sales records: the sales of the helped county's recognised products dated in the agreement's
/// year that name this partnership (the buyer is the partner), in 万元.
/// </summary>
public sealed class ConsumptionPurchaseSource(AppDbContext db) : IDerivedIndicatorSource
{
    public IReadOnlyDictionary<CooperationIndicator, string> Rules { get; } = new Dictionary<CooperationIndicator, string>
    {
        [CooperationIndicator.ConsumptionPurchase] = "本县帮扶产品销售记录中，本年度计入本协作关系（购买方为本协作方）的销售金额合计（万元）",
    };

    public async Task<IReadOnlyDictionary<CooperationIndicator, decimal>> DeriveAsync(AgreementScope a, CancellationToken ct)
    {
        var (from, to) = (new DateOnly(a.Year, 1, 1), new DateOnly(a.Year, 12, 31));
        var yuan = await db.ConsumptionSales.AsNoTracking()
            .Where(s => s.PartnershipId == a.PartnershipId && s.CountyCode == a.CountyCode && s.SoldOn >= from && s.SoldOn <= to)
            .Select(s => s.Amount).ToListAsync(ct);
        return new Dictionary<CooperationIndicator, decimal> { [CooperationIndicator.ConsumptionPurchase] = yuan.Sum() / 10000m };
    }
}

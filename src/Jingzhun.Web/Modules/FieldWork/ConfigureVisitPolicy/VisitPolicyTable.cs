using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Policies;

namespace Jingzhun.Web.Modules.FieldWork.ConfigureVisitPolicy;

/// <summary>The 四必见 and authenticity values of a county ("default" = every county without its own row) from a year on.</summary>
public sealed record VisitPolicyValues(
    [property: PolicyField("节前天数", 0, 30, Unit = "天", Hint = "传统节日前多少天起的走访计入")] int FestivalDaysBefore,
    [property: PolicyField("节后天数", 0, 30, Unit = "天", Hint = "传统节日后多少天内的走访计入")] int FestivalDaysAfter,
    [property: PolicyField("危难时刻走访时限", 1, 30, Unit = "天")] int EmergencyDays,
    [property: PolicyField("新结对宽限天数", 0, 28, Unit = "天")] int PairingGraceDays,
    [property: PolicyField("定位偏离阈值", 50, 20000, Unit = "米")] int GpsThresholdMetres,
    [property: PolicyField("补录时限", 1, 60, Unit = "天")] int LateEntryDays,
    [property: PolicyField("每日走访上限", 1, 100, Unit = "户")] int MaxVisitsPerDay,
    [property: PolicyField("跨乡镇最短间隔", 0, 240, Unit = "分钟")] int TownshipSwitchMinutes,
    [property: PolicyField("走访需户主签字", Hint = "是：走访须有户主签字（手机上签字或上传签字的纸质记录），否则不予保存")] bool SignatureRequired = false);

/// <summary>The visit standards (DOMAIN.md §5): per county and year; a county admin sets their county, a national admin the default.</summary>
public sealed class VisitPolicyTable : PolicyTable<VisitPolicy, VisitPolicyValues, CountyPolicyView<VisitPolicyValues>>
{
    public override string Key => "visits";
    public override string Title => "走访标准";
    public override string Description => "四必见的节日窗口、危难时刻时限和新结对宽限，以及走访真实性核查的阈值。";
    public override string DefaultName => "默认走访标准";
    public override int FirstYear => 2015;
    public override PolicyApi Api => new("/fieldwork/policies", "走访", Permissions.FieldWorkView, "四必见走访标准（按区县、年度）",
        "设置某区县某年度起的走访标准（county=default 为默认值）");

    public override IEnumerable<VisitPolicy> Defaults() => [VisitPolicy.Default(FirstYear)];
    public override VisitPolicy Fallback(int year) => VisitPolicy.Default(year);
    public override CountyPolicyView<VisitPolicyValues> View(VisitPolicy row) => new(row.CountyCode, row.Year, ValuesOf(row), row.Version);
}

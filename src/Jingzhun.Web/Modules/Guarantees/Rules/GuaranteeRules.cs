using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Localization;

namespace Jingzhun.Web.Modules.Guarantees.Rules;

/// <summary>What the rules read of one member (active members only: a member who left or died is not judged).</summary>
/// <param name="EducationLevel">文化程度: the highest level obtained (初中 = 初中毕业, nine years of schooling completed).</param>
public sealed record MemberSnapshot(string Name, DateOnly BirthDate, MemberStatus Status, SchoolStatus SchoolStatus,
    bool SchoolHealthExemption, bool HomeSchooling, bool HasMedicalInsurance, EducationLevel? EducationLevel = null);

/// <summary>What the rules read of one household.</summary>
public sealed record HouseholdSnapshot(
    bool? FoodSecure, bool? ClothingSecure, HousingGrade? HousingGrade, bool IsRelocated, bool RelocationKeysReceived,
    decimal? WaterLitresPerPersonDay, bool? WaterQualityPassed, bool? WaterPiped, int? WaterFetchMinutes,
    int? WaterHorizontalMetres, int? WaterVerticalMetres, int? WaterCutoffDaysPerYear, bool WaterShortArea,
    IReadOnlyList<MemberSnapshot> Members);

public sealed record DimensionResult(Dimension Dimension, Verdict Verdict, string Reason);

/// <summary>
/// 两不愁三保障 and 饮水安全, judged from registry data (DOMAIN.md §3). Pure: the date and the thresholds are inputs.
/// Missing data is reported as Unknown (a data gap to fill), never as a pass.
/// </summary>
public static class GuaranteeRules
{
    public static IReadOnlyList<DimensionResult> Assess(HouseholdSnapshot h, GuaranteePolicy policy, DateOnly on) =>
    [
        Food(h), Clothing(h), Education(h, policy, on), Medical(h), Housing(h, policy), Water(h, policy),
    ];

    public static DimensionResult Food(HouseholdSnapshot h) => h.FoodSecure switch
    {
        true => new(Dimension.Food, Verdict.Pass, "有稳定充足的食物来源"),
        false => new(Dimension.Food, Verdict.Fail, "家庭缺乏稳定充足的食物来源"),
        null => new(Dimension.Food, Verdict.Unknown, "未采集“不愁吃”情况"),
    };

    public static DimensionResult Clothing(HouseholdSnapshot h) => h.ClothingSecure switch
    {
        true => new(Dimension.Clothing, Verdict.Pass, "四季有换季衣服、被褥"),
        false => new(Dimension.Clothing, Verdict.Fail, "家庭缺少换季衣服或被褥"),
        null => new(Dimension.Clothing, Verdict.Unknown, "未采集“不愁穿”情况"),
    };

    /// <summary>
    /// Compulsory-school age (义务教育法; DOMAIN.md §3): from the first 1 September after the policy's starting birthday
    /// (the sixth: a child who turns 6 on 1 September starts the year after) until nine years of schooling are completed
    /// (文化程度 初中 or above: 初中毕业) or the birthday after the policy's last age (the sixteenth). A 29 February
    /// birthday falls on 28 February in a common year. A completed level counts only from the ninth school year on: a
    /// younger child recorded as 初中 is more likely in junior high than through it, and out of school is a drop-out.
    /// </summary>
    public static bool InCompulsoryAge(DateOnly birth, EducationLevel? completed, DateOnly on, GuaranteePolicy policy)
    {
        var start = SchoolStart(birth, policy);
        if (on < start) return false;
        if (on >= birth.AddYears(policy.SchoolAgeTo + 1)) return false;
        return !(CompletedCompulsory(completed) && on >= start.AddYears(CompulsoryYears - 1));
    }

    /// <summary>九年义务教育 (义务教育法 第二条): the years of compulsory schooling, fixed by national law.</summary>
    public const int CompulsoryYears = 9;

    /// <summary>The first autumn term (1 September) strictly after the policy's starting birthday.</summary>
    public static DateOnly SchoolStart(DateOnly birth, GuaranteePolicy policy)
    {
        var birthday = birth.AddYears(policy.SchoolAgeFrom);
        var term = new DateOnly(birthday.Year, 9, 1);
        return term > birthday ? term : term.AddYears(1);
    }

    /// <summary>Nine years completed: 初中毕业 (文化程度 初中) or any higher level.</summary>
    public static bool CompletedCompulsory(EducationLevel? level) =>
        level is EducationLevel.JuniorHigh or EducationLevel.SeniorHigh or EducationLevel.Vocational or EducationLevel.College;

    /// <summary>
    /// 义务教育: no child of compulsory-school age (<see cref="InCompulsoryAge"/>) out of school. A child certified unable
    /// to attend for health reasons who receives 送教上门 is covered; an exempt child without 送教上门 is still a gap.
    /// </summary>
    public static DimensionResult Education(HouseholdSnapshot h, GuaranteePolicy policy, DateOnly on)
    {
        var failures = new List<string>();
        var covered = new List<string>();
        var children = 0;
        foreach (var m in Active(h))
        {
            if (!InCompulsoryAge(m.BirthDate, m.EducationLevel, on, policy)) continue;
            var age = AgeOn(m.BirthDate, on);
            children++;
            if (m.SchoolStatus != SchoolStatus.NotInSchool) continue;
            if (m.SchoolHealthExemption && m.HomeSchooling) covered.Add($"成员 {m.Name}（{age}岁）因身体原因送教上门");
            else if (m.SchoolHealthExemption) failures.Add($"成员 {m.Name}（{age}岁）因身体原因未入学，但未落实送教上门");
            else failures.Add($"成员 {m.Name}（{age}岁）非在校生，且无送教上门或健康原因");
        }
        if (failures.Count > 0) return new(Dimension.Education, Verdict.Fail, string.Join("；", failures));
        if (children == 0) return new(Dimension.Education, Verdict.Pass, "无义务教育阶段适龄儿童（满" + policy.SchoolAgeFrom + "周岁后的秋季学期起，至初中毕业或满" + (policy.SchoolAgeTo + 1) + "周岁）");
        return new(Dimension.Education, Verdict.Pass,
            covered.Count > 0 ? $"义务教育阶段适龄儿童{children}人均已保障（{string.Join("；", covered)}）" : $"义务教育阶段适龄儿童{children}人均在校");
    }

    /// <summary>基本医疗: every (living, present) member enrolled in 城乡居民基本医疗保险.</summary>
    public static DimensionResult Medical(HouseholdSnapshot h)
    {
        var active = Active(h).ToList();
        if (active.Count == 0) return new(Dimension.Medical, Verdict.Unknown, "该户无在册成员");
        var uninsured = active.Where(m => !m.HasMedicalInsurance).Select(m => m.Name).ToList();
        return uninsured.Count == 0
            ? new(Dimension.Medical, Verdict.Pass, $"在册成员{active.Count}人均参加基本医疗保险")
            : new(Dimension.Medical, Verdict.Fail, $"成员 {string.Join("、", uninsured)} 未参加城乡居民基本医疗保险");
    }

    /// <summary>住房安全: grade A or B; C or D only when the household was relocated and has received the keys.</summary>
    public static DimensionResult Housing(HouseholdSnapshot h, GuaranteePolicy policy)
    {
        if (h.IsRelocated && h.RelocationKeysReceived)
            return new(Dimension.Housing, Verdict.Pass, "已易地扶贫搬迁并领取新房钥匙");
        if (h.HousingGrade is not { } grade) return new(Dimension.Housing, Verdict.Unknown, "未鉴定住房安全等级");
        var label = Labels.Of(grade);
        if (policy.SafeGrades().Contains(grade.ToString())) return new(Dimension.Housing, Verdict.Pass, $"住房安全等级为{label}");
        return new(Dimension.Housing, Verdict.Fail,
            h.IsRelocated ? $"住房安全等级为{label}，已纳入易地扶贫搬迁但尚未领取新房钥匙" : $"住房安全等级为{label}，属于危房");
    }

    /// <summary>
    /// 饮水安全 (T/CHES 18-2018): quantity, quality, convenience (piped, or a trip within the minutes, or within the
    /// horizontal and vertical distances) and supply guarantee (cut-off days a year). Thresholds are inclusive.
    /// </summary>
    public static DimensionResult Water(HouseholdSnapshot h, GuaranteePolicy policy)
    {
        var failures = new List<string>();
        var missing = new List<string>();
        var minLitres = h.WaterShortArea ? policy.WaterLitresPerPersonDayShortArea : policy.WaterLitresPerPersonDay;
        if (h.WaterLitresPerPersonDay is not { } litres) missing.Add("水量");
        else if (litres < minLitres) failures.Add($"水量{litres:0.##}升/人·日，低于{minLitres:0.##}升{(h.WaterShortArea ? "（缺水地区）" : "")}");
        if (h.WaterQualityPassed is null) missing.Add("水质");
        else if (h.WaterQualityPassed == false) failures.Add("水质不达标");
        if (h.WaterPiped != true)
        {
            var byTime = h.WaterFetchMinutes is { } min ? min <= policy.WaterFetchMinutes : (bool?)null;
            var byDistance = h.WaterHorizontalMetres is { } hz && h.WaterVerticalMetres is { } vt
                ? hz <= policy.WaterHorizontalMetres && vt <= policy.WaterVerticalMetres : (bool?)null;
            if (byTime == true || byDistance == true) { }
            else if (h.WaterPiped is null && byTime is null && byDistance is null) missing.Add("用水方便程度");
            else if (byTime is null && byDistance is null) missing.Add("取水时间或距离");
            else failures.Add($"取水不便：往返超过{policy.WaterFetchMinutes}分钟，或水平距离超过{policy.WaterHorizontalMetres}米/垂直距离超过{policy.WaterVerticalMetres}米");
        }
        if (h.WaterCutoffDaysPerYear is not { } days) missing.Add("供水保证率");
        else if (days > policy.WaterCutoffDaysPerYear) failures.Add($"年断水{days}天，超过{policy.WaterCutoffDaysPerYear}天");
        if (failures.Count > 0) return new(Dimension.Water, Verdict.Fail, string.Join("；", failures));
        if (missing.Count > 0) return new(Dimension.Water, Verdict.Unknown, $"未采集：{string.Join("、", missing)}");
        return new(Dimension.Water, Verdict.Pass, "水量、水质、用水方便程度和供水保证率均达标");
    }

    private static IEnumerable<MemberSnapshot> Active(HouseholdSnapshot h) => h.Members.Where(m => m.Status == MemberStatus.Active);

    public static int AgeOn(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        if (on < birth.AddYears(age)) age--;
        return age;
    }
}

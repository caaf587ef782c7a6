using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Web.Modules.Employment.Rules;

/// <summary>The facts of a job as typed.</summary>
public sealed record JobFacts(WorkStatus Place, string? PlaceName, string Employer, string? Sector, int Months, decimal MonthlyWage,
    JobChannel Channel, DateOnly StartedOn, DateOnly? EndedOn);

/// <summary>A stored job, as the derivation reads it.</summary>
public sealed record JobSpan(WorkStatus Place, int Year, int Months, DateOnly StartedOn, DateOnly? EndedOn);

/// <summary>就业帮扶 rules: checking a job and deriving a member's 务工状况. Pure.</summary>
public static class WorkRules
{
    public static (string Field, string Message)? Check(JobFacts f, DateOnly today)
    {
        if (f.Place == WorkStatus.None || !Enum.IsDefined(f.Place)) return ("place", "请选择务工地点（乡镇内、乡外县内、县外省内或省外）");
        if (f.Place is WorkStatus.InProvince or WorkStatus.OutOfProvince && string.IsNullOrWhiteSpace(f.PlaceName))
            return ("placeName", "县外务工的，请填写务工所在省（市）");
        if (string.IsNullOrWhiteSpace(f.Employer)) return ("employer", "请填写就业单位（或从事行业）");
        if (!Enum.IsDefined(f.Channel)) return ("channel", "请选择就业渠道");
        if (f.StartedOn > today) return ("startedOn", "开始务工日期不能晚于今天");
        if (f.EndedOn is { } e && e < f.StartedOn) return ("endedOn", "结束日期不能早于开始日期");
        if (f.EndedOn is { } e2 && e2 > today) return ("endedOn", "结束日期不能晚于今天");
        if (f.EndedOn is { } e3 && e3.Year != f.StartedOn.Year) return ("endedOn", "务工记录按年度登记：跨年的请分年登记");
        if (f.Months is < 1 or > 12) return ("months", "务工月数应在1至12个月之间");
        if (f.Months > MaxMonths(f.StartedOn, f.EndedOn ?? new DateOnly(f.StartedOn.Year, 12, 31)))
            return ("months", $"务工月数不能超过开始至结束的月数（{MaxMonths(f.StartedOn, f.EndedOn ?? new DateOnly(f.StartedOn.Year, 12, 31))}个月）");
        if (f.MonthlyWage < 0 || f.MonthlyWage > 100_000) return ("monthlyWage", "月工资应在0至100000元之间");
        return null;
    }

    /// <summary>Calendar months touched from start to end (a job of 1 March to 10 April touches 2).</summary>
    public static int MaxMonths(DateOnly start, DateOnly end) => (end.Year - start.Year) * 12 + end.Month - start.Month + 1;

    /// <summary>
    /// The member's 务工状况 today: where the latest job running today is (started, not ended before today), else 未务工;
    /// months: the months of this year's jobs (at most 12).
    /// </summary>
    public static (WorkStatus Status, int? Months) Derive(IEnumerable<JobSpan> jobs, DateOnly today)
    {
        var list = jobs.ToList();
        var current = list.Where(j => j.StartedOn <= today && (j.EndedOn is null || j.EndedOn >= today))
            .OrderByDescending(j => j.StartedOn).FirstOrDefault();
        var months = Math.Min(12, list.Where(j => j.Year == today.Year).Sum(j => j.Months));
        return current is null ? (WorkStatus.None, null) : (current.Place, months == 0 ? null : months);
    }

    /// <summary>
    /// A member out of work: this job ended at least <paramref name="days"/> days ago (the policy's value) and no other
    /// job of theirs runs past its end (none started since, none still running).
    /// </summary>
    public static bool LostJob(IReadOnlyList<JobSpan> jobs, JobSpan ended, DateOnly today, int days) =>
        ended.EndedOn is { } end && today.DayNumber - end.DayNumber >= days
        && !jobs.Any(j => !ReferenceEquals(j, ended) && (j.EndedOn is null || j.EndedOn > end));
}

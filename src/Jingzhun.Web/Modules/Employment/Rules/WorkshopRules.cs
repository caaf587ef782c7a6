using Jingzhun.Web.Modules.Employment.Workshops;
using Jingzhun.Web.Modules.Registry;

namespace Jingzhun.Web.Modules.Employment.Rules;

/// <summary>就业帮扶车间 rules: checking a workshop and a worker, and where a worker's job is. Pure.</summary>
public static class WorkshopRules
{
    public static (string Field, string Message)? Check(WorkshopFacts f, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(f.Name)) return ("name", "请填写车间名称");
        if (string.IsNullOrWhiteSpace(f.Operator)) return ("operator", "请填写经营主体（企业、合作社等）");
        if (string.IsNullOrWhiteSpace(f.Industry)) return ("industry", "请填写所属行业");
        if (f.RecognisedOn > today) return ("recognisedOn", "认定日期不能晚于今天");
        if (!Enum.IsDefined(f.Status)) return ("status", "车间状态无效，可选：在营、停产");
        return null;
    }

    public static (string Field, string Message)? CheckWorker(DateOnly startedOn, decimal monthlyWage, DateOnly today)
    {
        if (startedOn > today) return ("startedOn", "入职日期不能晚于今天");
        if (monthlyWage is < 0 or > 100_000) return ("monthlyWage", "月工资应在0至100000元之间");
        return null;
    }

    /// <summary>乡镇内务工 when the workshop stands in the worker's township, else 乡外县内务工 (the worker is of the same county).</summary>
    public static WorkStatus PlaceOf(string workshopVillage, string workerVillage) =>
        workshopVillage[..9] == workerVillage[..9] ? WorkStatus.InTownship : WorkStatus.InCounty;

    /// <summary>
    /// The worker's job as this year's 务工记录 (records are kept per year): from the start, or 1 January for a worker who
    /// started in an earlier year, with the months touched up to today.
    /// </summary>
    public static (DateOnly StartedOn, int Months) JobOf(DateOnly startedOn, DateOnly today)
    {
        var start = startedOn.Year < today.Year ? new DateOnly(today.Year, 1, 1) : startedOn;
        return (start, Math.Min(12, WorkRules.MaxMonths(start, today)));
    }
}

using Jingzhun.Web.Modules.Employment.Training;

namespace Jingzhun.Web.Modules.Employment.Rules;

/// <summary>技能培训 rules: checking a training record as typed. Pure.</summary>
public static class TrainingRules
{
    public static (string Field, string Message)? Check(TrainingFacts f, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(f.Course)) return ("course", "请填写课程名称");
        if (!Enum.IsDefined(f.Kind)) return ("kind", "培训类型无效，可选：引导性培训、职业技能培训、创业培训、农业实用技术培训");
        if (string.IsNullOrWhiteSpace(f.Organiser)) return ("organiser", "请填写培训机构");
        if (f.StartedOn > today) return ("startedOn", "培训开始日期不能晚于今天");
        if (f.EndedOn < f.StartedOn) return ("endedOn", "培训结束日期不能早于开始日期");
        if (f.Hours is < 1 or > 2000) return ("hours", "培训学时应在1至2000之间");
        if (!Enum.IsDefined(f.Certificate)) return ("certificate", "证书类型无效");
        // A certificate is issued at the end of a course: a course still running has none yet.
        if (f.Certificate != CertificateKind.None && f.EndedOn > today) return ("endedOn", "已取得证书的培训，结束日期不能晚于今天");
        if (f.Certificate != CertificateKind.None && string.IsNullOrWhiteSpace(f.CertificateNumber)) return ("certificateNumber", "取得证书的，请填写证书编号");
        return null;
    }
}

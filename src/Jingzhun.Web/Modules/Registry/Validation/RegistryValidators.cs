using FluentValidation;
using Jingzhun.Web.Modules.Registry.Rules;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Registry.Validation;

/// <summary>The validators' patterns, compiled at build time (FluentValidation's string form re-arms a match timeout per call).</summary>
internal static partial class RegistryPatterns
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^(1\d{10}|0\d{2,3}-?\d{7,8})$")]
    public static partial System.Text.RegularExpressions.Regex Phone();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[\p{L}·•\.]+$")]
    public static partial System.Text.RegularExpressions.Regex Name();
}

// One validator per input shape, used by the API, the forms and (later) every imported row.

public sealed class HouseholdFactsValidator : AbstractValidator<HouseholdFacts>
{
    public HouseholdFactsValidator(TimeProvider clock)
    {
        var thisYear = ChinaTime.Today(clock).Year;
        RuleFor(h => h.Status).IsDefinedCode().WithName("户类型");
        RuleFor(h => h.Attribute).IsDefinedCode().WithName("贫困户属性");
        RuleFor(h => h.Attribute).NotNull().WithName("贫困户属性")
            .When(h => h.Status is HouseholdStatus.Exited or HouseholdStatus.NotExited)
            .WithMessage("脱贫户和未脱贫户须填写贫困户属性");
        RuleFor(h => h.Attribute)
            .Must(a => a is PovertyAttribute.GeneralExited or PovertyAttribute.DibaoExited or PovertyAttribute.TekunExited)
            .When(h => h.Status == HouseholdStatus.Exited && h.Attribute is not null)
            .WithMessage("脱贫户的属性应为一般脱贫户、低保脱贫户或特困供养脱贫户");
        RuleFor(h => h.Attribute)
            .Must(a => a is PovertyAttribute.General or PovertyAttribute.Dibao or PovertyAttribute.Tekun)
            .When(h => h.Status == HouseholdStatus.NotExited && h.Attribute is not null)
            .WithMessage("未脱贫户的属性应为一般贫困户、低保贫困户或特困供养贫困户");
        RuleFor(h => h.IdentifiedYear).InclusiveBetween(2013, thisYear).When(h => h.IdentifiedYear is not null)
            .WithName("识别年度").WithMessage($"识别年度应在2013至{thisYear}年之间");
        RuleFor(h => h.IdentifiedYear).NotNull().When(h => h.Status is HouseholdStatus.Exited or HouseholdStatus.NotExited)
            .WithName("识别年度").WithMessage("建档立卡户须填写识别年度");
        RuleFor(h => h.ExitYear).NotNull().When(h => h.Status == HouseholdStatus.Exited)
            .WithName("脱贫年度").WithMessage("脱贫户须填写脱贫年度");
        RuleFor(h => h.ExitYear).Null().When(h => h.Status == HouseholdStatus.NotExited)
            .WithName("脱贫年度").WithMessage("未脱贫户不应有脱贫年度");
        RuleFor(h => h.ExitYear).Must((h, y) => y >= h.IdentifiedYear && y <= thisYear)
            .When(h => h.ExitYear is not null && h.IdentifiedYear is not null)
            .WithName("脱贫年度").WithMessage($"脱贫年度应不早于识别年度、不晚于{thisYear}年");
        RuleFor(h => h.IdentificationStandard).IsDefinedCode().WithName("识别标准");
        // 建档立卡户 carry their 致贫原因; a 监测户 identified from a 一般农户 has none (its risks are the monitoring case's).
        RuleFor(h => h.MainCause).NotNull().When(h => h.Status is HouseholdStatus.Exited or HouseholdStatus.NotExited)
            .WithName("主要致贫原因").WithMessage("请选择主要致贫原因");
        RuleFor(h => h.MainCause).Must(BeRegistryCause).WithName("主要致贫原因").WithMessage("主要致贫原因不在代码表内");
        RuleFor(h => h.SecondCause).Must(BeRegistryCause).WithName("其他致贫原因").WithMessage("其他致贫原因不在代码表内");
        RuleFor(h => h.ThirdCause).Must(BeRegistryCause).WithName("其他致贫原因").WithMessage("其他致贫原因不在代码表内");
        RuleFor(h => h.SecondCause).Must((h, c) => c is null || (c != h.MainCause && c != h.ThirdCause))
            .WithName("其他致贫原因").WithMessage("其他致贫原因不能与主要致贫原因重复");
        RuleFor(h => h.ThirdCause).Must((h, c) => c is null || c != h.MainCause)
            .WithName("其他致贫原因").WithMessage("其他致贫原因不能与主要致贫原因重复");
        RuleFor(h => h.Class321).IsDefinedCode().WithName("321分类");
        RuleFor(h => h.SettlementSite).NotEmpty().When(h => h.IsRelocated).WithName("安置点").WithMessage("易地扶贫搬迁户须填写安置点");
        Include(new TextLimitRules<HouseholdFacts>());
        RuleFor(h => h.Phone).Matches(RegistryPatterns.Phone()).When(h => !string.IsNullOrWhiteSpace(h.Phone))
            .WithName("联系电话").WithMessage("联系电话应为11位手机号或带区号的固定电话");
        RuleFor(h => h.HousingGrade).IsDefinedCode().WithName("住房安全等级");
        RuleFor(h => h.WaterLitresPerPersonDay).InclusiveBetween(0, 1000).WithName("人均日供水量");
        RuleFor(h => h.WaterFetchMinutes).InclusiveBetween(0, 600).WithName("取水往返时间");
        RuleFor(h => h.WaterHorizontalMetres).InclusiveBetween(0, 50000).WithName("取水水平距离");
        RuleFor(h => h.WaterVerticalMetres).InclusiveBetween(0, 5000).WithName("取水垂直距离");
        RuleFor(h => h.WaterCutoffDaysPerYear).InclusiveBetween(0, 366).WithName("年断水天数");
        RuleFor(h => h.Latitude).InclusiveBetween(3.0, 54.0).WithName("纬度").WithMessage("纬度应在中国境内（3°至54°）");
        RuleFor(h => h.Longitude).InclusiveBetween(73.0, 136.0).WithName("经度").WithMessage("经度应在中国境内（73°至136°）");
    }

    // Risk types 13–15 are for monitoring; the registry keeps the twelve causes.
    private static bool BeRegistryCause(PovertyCause? c) => c is null || (c >= PovertyCause.Illness && c <= PovertyCause.Other);
}

public sealed class MemberFactsValidator : AbstractValidator<MemberFacts>
{
    public MemberFactsValidator(TimeProvider clock)
    {
        var today = ChinaTime.Today(clock);
        Include(new TextLimitRules<MemberFacts>());
        RuleFor(m => m.Name).NotEmpty().WithName("姓名").WithMessage("请填写姓名")
            .Matches(RegistryPatterns.Name()).WithMessage("姓名只能包含文字和间隔号");
        RuleFor(m => m.IdNumber).Custom((raw, ctx) =>
        {
            if (!IdNumberRule.TryParse(raw, today, out var info, out var error))
            {
                ctx.AddFailure(error!);
                return;
            }
            var m = ctx.InstanceToValidate;
            if (m.Gender is { } g && g != info!.Gender)
                ctx.AddFailure(nameof(MemberFacts.Gender), $"性别与身份证号码不符（号码显示为{(info.Gender == Gender.Male ? "男" : "女")}）");
            if (m.BirthDate is { } d && d != info!.BirthDate)
                ctx.AddFailure(nameof(MemberFacts.BirthDate), $"出生日期与身份证号码不符（号码显示为{info.BirthDate:yyyy-MM-dd}）");
        });
        RuleFor(m => m.Relationship).IsDefinedCode().WithName("与户主关系");
        RuleFor(m => m.Ethnicity).Must(Ethnicities.IsValid).WithName("民族").WithMessage("民族代码无效");
        RuleFor(m => m.EducationLevel).IsDefinedCode().WithName("文化程度");
        RuleFor(m => m.SchoolStatus).IsDefinedCode().WithName("在校生状况");
        RuleFor(m => m.HealthStatus).IsDefinedCode().WithName("健康状况");
        RuleFor(m => m.DisabilityGrade).NotNull().WithMessage("残疾人须填写残疾等级（1至4级）").InclusiveBetween(1, 4).When(m => m.HealthStatus == HealthStatus.Disabled)
            .WithName("残疾等级").WithMessage("残疾人须填写残疾等级（1至4级）");
        RuleFor(m => m.LaborSkill).IsDefinedCode().WithName("劳动技能");
        RuleFor(m => m.WorkStatus).IsDefinedCode().WithName("务工状况");
        RuleFor(m => m.WorkMonths).NotNull().WithMessage("务工人员须填写务工时间（1至12个月）").InclusiveBetween(1, 12).When(m => m.WorkStatus != WorkStatus.None)
            .WithName("务工时间（月）").WithMessage("务工人员须填写务工时间（1至12个月）");
        RuleFor(m => m.PublicWelfareJobMonths).InclusiveBetween(0, 12).WithName("公益性岗位（月）");
    }
}

public sealed class IncomeLinesValidator : AbstractValidator<IncomeLines>
{
    public IncomeLinesValidator()
    {
        const decimal max = 100_000_000m;
        void Money(System.Linq.Expressions.Expression<Func<IncomeLines, decimal>> e, string name) =>
            RuleFor(e).InclusiveBetween(0, max).WithName(name).WithMessage($"{name}应在0至1亿元之间")
                .Must(v => decimal.Round(v, 2) == v).WithMessage($"{name}最多保留两位小数");
        Money(i => i.WageIncome, "工资性收入");
        Money(i => i.PublicWelfareJobIncome, "公益性岗位收入");
        Money(i => i.ProductionIncome, "生产经营性收入");
        Money(i => i.ProductionExpense, "生产经营性支出");
        Money(i => i.PropertyIncome, "财产性收入");
        Money(i => i.AssetDividendIncome, "资产收益分红收入");
        Money(i => i.TransferIncome, "转移性收入");
        Money(i => i.PensionIncome, "养老金");
        Money(i => i.DibaoIncome, "低保金");
        Money(i => i.TekunIncome, "特困供养金");
        Money(i => i.EcoCompensationIncome, "生态补偿金");
        Money(i => i.FamilyPlanningIncome, "计划生育金");
        Money(i => i.IndustrySubsidyIncome, "产业奖补");
        Money(i => i.EmploymentSubsidyIncome, "就业奖补");
        Money(i => i.AllowableOutOfPocket, "合规自付支出");
        RuleFor(i => i.PublicWelfareJobIncome).LessThanOrEqualTo(i => i.WageIncome)
            .WithMessage("公益性岗位收入是工资性收入的一部分，不能大于工资性收入");
        RuleFor(i => i.AssetDividendIncome).LessThanOrEqualTo(i => i.PropertyIncome)
            .WithMessage("资产收益分红是财产性收入的一部分，不能大于财产性收入");
        RuleFor(i => i.TransferIncome).GreaterThanOrEqualTo(i => i.PensionIncome + i.DibaoIncome + i.TekunIncome +
                i.EcoCompensationIncome + i.FamilyPlanningIncome + i.IndustrySubsidyIncome + i.EmploymentSubsidyIncome)
            .WithMessage("转移性收入应不小于其中各项（养老金、低保金、特困供养金、生态补偿金、计划生育金、产业奖补、就业奖补）之和");
        RuleFor(i => i.HouseholdSize).InclusiveBetween(1, 30).WithName("家庭人口数");
    }
}

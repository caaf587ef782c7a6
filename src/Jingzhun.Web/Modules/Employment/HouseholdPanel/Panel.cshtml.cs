using Jingzhun.Web.Modules.Employment.ManageEmployment;
using Jingzhun.Web.Modules.Employment.ManageLoans;
using Jingzhun.Web.Modules.Employment.WelfareJobs;
using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;

namespace Jingzhun.Web.Modules.Employment.HouseholdPanel;

/// <summary>
/// The household page's 就业与小额信贷 panel: the household's loans, its members' jobs (workshop jobs among them), the
/// 公益性岗位 its members hold with the wages paid, and their trainings.
/// </summary>
[Authorize(Policy = Permissions.MonitoringView)]
public sealed class EmploymentPanelModel(AppDbContext db, ManageLoansHandler loans, ManageEmploymentHandler jobs,
    ManageWelfareJobsHandler welfareJobs, CurrentUser me, Training.ManageTrainingHandler trainings) : HouseholdPanelPageModel(db)
{
    public const string Path = "/households/{id}/panels/employment";

    public IReadOnlyList<LoanRow> Loans { get; private set; } = [];
    public IReadOnlyList<JobRow> Jobs { get; private set; } = [];
    public IReadOnlyList<WelfareJobRow> WelfareJobs { get; private set; } = [];
    public IReadOnlyList<WelfarePaymentRow> WelfarePayments { get; private set; } = [];
    public bool CanEdit => me.Has(Permissions.MonitoringWork);
    // 技能培训 of the household's members (their workshop jobs are among the jobs, channel 帮扶车间)
    public IReadOnlyList<Training.TrainingRow> Trainings { get; private set; } = [];

    protected override string PartialName => "_EmploymentPanel";

    protected override async Task LoadAsync(long householdId, CancellationToken ct)
    {
        Loans = (await loans.SearchAsync(new(null, null, null, householdId, null, null, 1, 50), ct)).Value?.Items ?? [];
        Jobs = (await jobs.SearchAsync(new(null, householdId, null, null, 1, 50), ct)).Value?.Items ?? [];
        WelfareJobs = (await welfareJobs.SearchAsync(new(null, null, null, householdId, 1, 50), ct)).Value?.Items ?? [];
        WelfarePayments = await welfareJobs.PaymentsOfHouseholdAsync(householdId, ct);
        Trainings = (await trainings.SearchAsync(new(null, householdId, null, null, null, 1, 50), ct)).Value?.Items ?? [];
    }
}

using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.ManageProjects;

/// <summary>
/// 公告公示 of one project, to print (A4) and post in the village: name, budget by fund source, implementing unit,
/// planned dates, performance targets, the households it brings along counted by village, and the supervision phone.
/// No name, ID number or phone of any household.
/// </summary>
[Authorize(Permissions.ProjectsView)]
public sealed class NoticeModel(ManageProjectsHandler handler, Platform.Policies.PolicyStore policies, TimeProvider clock) : PageModel
{
    /// <summary>The county's 监督举报电话 in force for the project's year (项目公告公示 policy; the national 12317 where none is set).</summary>
    public string SupervisionPhone { get; private set; } = Warnings.ProjectNoticePolicy.NationalPhone;

    public ProjectView View { get; private set; } = null!;
    public IReadOnlyList<(string Village, BenefitKind Benefit, int Households)> Beneficiaries { get; private set; } = [];
    public DateOnly Today => Platform.Localization.ChinaTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        View = r.Value!;
        Beneficiaries = await handler.BeneficiaryCountsAsync(id, ct);
        SupervisionPhone = (await policies.InForceAsync<Warnings.ProjectNoticePolicy>(View.Project.RegionCode[..6], View.Project.Year, ct)).SupervisionPhone;
        return Page();
    }
}

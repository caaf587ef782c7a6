using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.FieldWork.ManageTeams;

/// <summary>
/// One team's page: 修改 (PUT /api/v1/work-teams/{id}), 结束驻村 (the same PUT with an end date) and 轮换
/// (POST /api/v1/work-teams/{id}/rotate). Each form carries the version it read.
/// </summary>
[Authorize(Permissions.FieldWorkManage)]
public sealed class EditModel(ManageTeamsHandler teams, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public long? FirstSecretaryId { get; set; }
    [BindProperty] public List<long> MemberIds { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public TeamRow? Team { get; private set; }
    /// <summary>Which form was posted ("save", "end", "rotate"): its fields show the posted values and errors.</summary>
    public string? Form { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public Task<IActionResult> OnPostSaveAsync(DateOnly? startedOn, CancellationToken ct) =>
        RunAsync("save", async team => await teams.SaveAsync(Id, new TeamInput(team.VillageCode, Name ?? "", FirstSecretaryId ?? 0, MemberIds,
            startedOn ?? team.StartedOn, team.EndedOn, Version), ct), ct);

    public Task<IActionResult> OnPostEndAsync(DateOnly? endedOn, CancellationToken ct) =>
        RunAsync("end", async team => endedOn is not { } end ? Failure.Invalid("endedOn", "请填写结束日期")
            : await teams.SaveAsync(Id, new TeamInput(team.VillageCode, team.Name, team.FirstSecretary.CadreId,
                team.Members.Select(m => m.CadreId).ToList(), team.StartedOn, end, Version), ct), ct);

    public Task<IActionResult> OnPostRotateAsync(DateOnly? startedOn, CancellationToken ct) =>
        RunAsync("rotate", async team => startedOn is not { } start ? Failure.Invalid("startedOn", "请填写新工作队开始日期")
            : await teams.RotateAsync(Id, new TeamRotation(Name ?? "", FirstSecretaryId ?? 0, MemberIds, start, Version), ct), ct);

    private async Task<IActionResult> RunAsync(string form, Func<TeamRow, Task<Outcome<TeamRow>>> act, CancellationToken ct)
    {
        Form = form;
        var found = await teams.GetAsync(Id, ct);
        if (!found.Succeeded) return NotFound();
        Errors = ModelState.BindingErrors();
        if (Errors.Count == 0)
        {
            var r = await act(found.Value!);
            if (r.Succeeded)
            {
                TempData["Message"] = form switch
                {
                    "end" => $"驻村工作队 {found.Value!.Name} 已结束驻村，该村可新建工作队",
                    "rotate" => $"已轮换：{found.Value!.Name} 结束驻村，{r.Value!.Name} 接任",
                    _ => $"已保存驻村工作队 {r.Value!.Name}",
                };
                return Redirect("/fieldwork/teams");
            }
            if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
            Errors = FormErrors.FieldErrors(r.Failure);
            Error = r.Failure.Message;
        }
        else Error = FormErrors.FixAndRetry;
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var r = await teams.GetAsync(Id, ct);
        if (!r.Succeeded) return NotFound();
        Team = r.Value;
        return Page();
    }
}

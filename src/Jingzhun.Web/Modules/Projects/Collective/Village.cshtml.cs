using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>The fields of the village page's forms; each form uses its own.</summary>
public sealed class CollectiveInput
{
    public long? OrganizationId { get; set; }
    public int? Version { get; set; }
    public string? Name { get; set; }
    public string? CreditCode { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    public int? Members { get; set; }
    public int? Year { get; set; }
    public CollectiveIncomeSource? Source { get; set; }
    public decimal? Amount { get; set; }
    public string? Note { get; set; }
    public decimal? ToMembers { get; set; }
    public int? Households { get; set; }
    public decimal? ToWelfare { get; set; }
    public decimal? Retained { get; set; }
}

/// <summary>One village's 村集体经济: its organisation (registered here), each year's income by source and band, its distributions.</summary>
[Authorize(Permissions.ProjectsView)]
public sealed class VillageModel(ManageCollectiveHandler handler, CurrentUser me, TimeProvider clock) : PageModel
{
    public CollectiveVillageView View { get; private set; } = null!;
    [BindProperty] public CollectiveInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [TempData] public string? Notice { get; set; }

    public string? Failed { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(string villageCode, CancellationToken ct) => await LoadAsync(villageCode, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostRegisterAsync(string villageCode, CancellationToken ct) => RunAsync(villageCode, "register", () =>
        handler.RegisterAsync(new RegisterCollectiveOrganizationRequest(villageCode, Input.Name ?? "", Input.CreditCode, Input.EstablishedOn ?? default,
            Input.Members ?? 0), ct), "已登记集体经济组织", ct);

    public Task<IActionResult> OnPostEditAsync(string villageCode, CancellationToken ct) => RunAsync(villageCode, "edit", () =>
        handler.UpdateAsync(Input.OrganizationId ?? 0, new UpdateCollectiveOrganizationRequest(Input.Version ?? 0, Input.Name ?? "", Input.CreditCode,
            Input.EstablishedOn ?? default, Input.Members ?? 0), ct), "已修改集体经济组织信息", ct);

    public Task<IActionResult> OnPostIncomeAsync(string villageCode, CancellationToken ct) => RunAsync(villageCode, "income", () =>
        handler.RecordIncomeAsync(Input.OrganizationId ?? 0, new RecordCollectiveIncomeRequest(Input.Year ?? 0, Input.Source ?? 0, Input.Amount ?? 0,
            Input.Note), ct), $"已登记{Input.Year}年{(Input.Source is { } s ? Labels.Of(s) : "")}", ct);

    public Task<IActionResult> OnPostDistributionAsync(string villageCode, CancellationToken ct) => RunAsync(villageCode, "distribution", () =>
        handler.RecordDistributionAsync(Input.OrganizationId ?? 0, new RecordCollectiveDistributionRequest(Input.Year ?? 0, Input.ToMembers ?? 0,
            Input.Households ?? 0, Input.ToWelfare ?? 0, Input.Retained ?? 0, Input.Note), ct), $"已登记{Input.Year}年收益分配", ct);

    private async Task<IActionResult> RunAsync(string villageCode, string form, Func<Task<Outcome<CollectiveVillageView>>> act, string notice,
        CancellationToken ct)
    {
        // Reading is for everyone who sees projects; recording for those who carry them out (as the API's endpoints).
        if (!me.Has(Permissions.ProjectsImplement)) return Forbid();
        Failed = form;
        Errors = ModelState.BindingErrors(nameof(Input));
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return await LoadAsync(villageCode, ct) ? Page() : NotFound();
        }
        var r = await act();
        if (r.Succeeded)
        {
            Notice = notice;
            return Redirect($"/projects/collective/village/{villageCode}");
        }
        if (!await LoadAsync(villageCode, ct)) return NotFound();
        Error = r.Failure!.Message;
        Errors = FormErrors.FieldErrors(r.Failure);
        return Page();
    }

    private async Task<bool> LoadAsync(string villageCode, CancellationToken ct)
    {
        var r = await handler.VillageAsync(villageCode, ct);
        if (!r.Succeeded) return false;
        View = r.Value!;
        return true;
    }

    /// <summary>The value to show in a field: what was typed when this form failed, else nothing.</summary>
    public T? Typed<T>(string form, T? value) => Failed == form ? value : default;
}

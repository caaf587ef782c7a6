using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.FieldWork.ManagePairings;

/// <summary>新增/修改帮扶干部: the same handler as POST/PUT /api/v1/cadres.</summary>
[Authorize(Permissions.FieldWorkManage)]
public sealed class CadreEditModel(ManageCadresHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public DateOnly? ActiveFrom { get; set; }
    [BindProperty] public DateOnly? ActiveTo { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public CadreRecallReason? RecallReason { get; set; }
    [BindProperty] public string? RecallNote { get; set; }
    [BindProperty] public DateOnly? RecallDate { get; set; }

    /// <summary>The cadre as stored (edit mode): its recall, if any, and its households.</summary>
    public CadreRow? Cadre { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not { } id)
        {
            ActiveFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            return Page();
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        var c = Cadre!;
        RecallDate = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        (Name, Unit, Phone, RegionCode, ActiveFrom, ActiveTo, UserName, Version) = (c.Name, c.Unit, c.PhoneMasked, c.RegionCode, c.ActiveFrom, c.ActiveTo, c.UserName, c.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (ActiveFrom is null) Errors.TryAdd("activeFrom", ["请填写帮扶开始日期"]);
        if (Errors.Count > 0) { Error = FormErrors.FixAndRetry; return Page(); }
        var r = await handler.SaveAsync(Id, new CadreInput(Name ?? "", Unit ?? "", Phone, RegionCode ?? "", ActiveFrom!.Value, ActiveTo, UserName, Version), ct);
        if (r.Succeeded)
        {
            TempData["Message"] = $"已保存帮扶干部 {r.Value!.Name}";
            return Redirect("/fieldwork/cadres");
        }
        if (r.Failure!.Kind == FailureKind.NotFound) return NotFound();
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure.Message;
        if (Id is { } id) await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>调整召回 (the recall form): the same handler as POST /api/v1/cadres/{id}/recall.</summary>
    public async Task<IActionResult> OnPostRecallAsync(CancellationToken ct)
    {
        if (Id is not { } id || !await LoadAsync(id, ct)) return NotFound();
        var c = Cadre!;
        // Unreadable values (an unknown reason, a date that does not exist) at the recall form's fields, named as the API names them.
        Errors = ModelState.BindingErrors().Where(e => e.Key.StartsWith("Recall", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => e.Key["Recall".Length..].ToLowerInvariant(), e => e.Value, StringComparer.OrdinalIgnoreCase);
        if (Errors.Count == 0)
        {
            var r = await handler.RecallAsync(id, new RecallCadreRequest(RecallReason, RecallNote, RecallDate, Version), ct);
            if (r.Succeeded)
            {
                TempData["Message"] = $"已调整召回帮扶干部 {r.Value!.Cadre.Name}，其 {r.Value.Households} 户结对户转为未结对，请尽快结对新的帮扶干部";
                return Redirect("/fieldwork/cadres");
            }
            Errors = FormErrors.FieldErrors(r.Failure!);
            Error = r.Failure!.Message;
        }
        else Error = FormErrors.FixAndRetry;
        (Name, Unit, Phone, RegionCode, ActiveFrom, ActiveTo, UserName) = (c.Name, c.Unit, c.PhoneMasked, c.RegionCode, c.ActiveFrom, c.ActiveTo, c.UserName);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var r = await handler.GetAsync(id, ct);
        Cadre = r.Value;
        return r.Succeeded;
    }
}

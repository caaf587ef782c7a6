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

    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not { } id)
        {
            ActiveFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            return Page();
        }
        var r = await handler.GetAsync(id, ct);
        if (!r.Succeeded) return NotFound();
        var c = r.Value!;
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
        return Page();
    }
}

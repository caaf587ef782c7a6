using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.AssetChecks;

/// <summary>整改事项: the 整改 items of every 核查批次 of the user's region, overdue ones marked, exported to Excel.</summary>
[Authorize(Permissions.ProjectsView)]
public sealed class RectificationsModel(ManageAssetChecksHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public RectificationStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<RectificationRow>? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool CanWork => me.Has(Permissions.ProjectsImplement);
    public bool Filtered => !string.IsNullOrWhiteSpace(Region) || Status is not null || Overdue == true;

    public string QueryString() => QueryStrings.Join(
        ("region", string.IsNullOrWhiteSpace(Region) ? null : Region.Trim()), ("status", Status?.ToString()),
        ("overdue", Overdue == true ? "true" : null));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return;
        }
        var r = await handler.RectificationsAsync(new RectificationQuery(string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(), Status, Overdue,
            PageNumber, 50), ct);
        if (r.Succeeded) Result = r.Value;
        else
        {
            Error = r.Failure!.Message;
            Errors = FormErrors.FieldErrors(r.Failure);
        }
    }

}

using System.Globalization;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.AssetChecks;

/// <summary>资产核查: the batches of the user's region with their progress.</summary>
[Authorize(Permissions.ProjectsView)]
public sealed class IndexModel(ManageAssetChecksHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public AssetCheckStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<AssetCheckRow>? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool CanCreate => me.Has(Permissions.ProjectsImplement);

    public string QueryString() => QueryStrings.Join(
        ("region", string.IsNullOrWhiteSpace(Region) ? null : Region.Trim()), ("year", Year?.ToString(CultureInfo.InvariantCulture)),
        ("status", Status?.ToString()));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return;
        }
        var r = await handler.SearchAsync(new AssetCheckQuery(string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(), Year, Status, PageNumber, 20), ct);
        if (r.Succeeded) Result = r.Value;
        else
        {
            Error = r.Failure!.Message;
            Errors = FormErrors.FieldErrors(r.Failure);
        }
    }
}

using System.Globalization;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.Assets;

/// <summary>扶贫项目资产台账: the assets of the user's region, filtered by class, status and name.</summary>
[Authorize(Permissions.ProjectsView)]
public sealed class IndexModel(ManageAssetsHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public AssetClass? Class { get; set; }
    [BindProperty(SupportsGet = true)] public AssetStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public long? ProjectId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<AssetRow>? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool CanRegister => me.Has(Permissions.ProjectsImplement);

    public AssetQuery Query => new(Blank(Region), Class, Status, ProjectId, Blank(Q), PageNumber, 20);

    /// <summary>The filters as a query string (the API's names, so the export link reuses it; "pg" is the page).</summary>
    public string QueryString(int? page = null) => QueryStrings.Join(
        ("region", Query.Region), ("class", Class?.ToString()), ("status", Status?.ToString()),
        ("projectId", ProjectId?.ToString(CultureInfo.InvariantCulture)), ("q", Query.Q),
        ("pg", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return;
        }
        var r = await handler.SearchAsync(Query, ct);
        if (r.Succeeded) Result = r.Value;
        else
        {
            Error = r.Failure!.Message;
            Errors = FormErrors.FieldErrors(r.Failure);
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

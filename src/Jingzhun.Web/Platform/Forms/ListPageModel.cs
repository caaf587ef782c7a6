using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Platform.Forms;

/// <summary>
/// A list page: its filters bound from the address, and on GET the handler's page of rows — or, where a filter does not
/// bind (an unknown code, a word for a number) or the handler refuses it, the errors shown beside the filters.
/// </summary>
public abstract class ListPageModel<TRow> : PageModel
{
    public PageResult<TRow>? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }

    /// <summary>The handler's search with the bound filters.</summary>
    protected abstract Task<Outcome<PageResult<TRow>>> SearchAsync(CancellationToken ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0)
        {
            Error = FormErrors.FixAndRetry;
            return;
        }
        var r = await SearchAsync(ct);
        if (r.Succeeded) { Result = r.Value; return; }
        Errors = FormErrors.FieldErrors(r.Failure);
        Error = r.Failure!.Message;
    }
}

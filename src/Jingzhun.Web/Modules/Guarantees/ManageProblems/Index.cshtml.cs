using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Modules.Registry.SearchHouseholds;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Guarantees.ManageProblems;

[Authorize(Permissions.GuaranteesView)]
public sealed class IndexModel(ManageProblemsHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public Dimension? Dimension { get; set; }
    [BindProperty(SupportsGet = true)] public ProblemStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public ProblemSource? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Responsible { get; set; }
    [BindProperty(SupportsGet = true)] public long? HouseholdId { get; set; }
    [BindProperty(SupportsGet = true)] public ProblemMeasure? Measure { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    // Bulk assignment (交办) of the checked 待交办 rows.
    [BindProperty] public List<long> Ids { get; set; } = [];
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public string? Person { get; set; }
    [BindProperty] public DateOnly? Deadline { get; set; }

    public PageResult<ProblemRow>? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    [TempData] public string? Notice { get; set; }

    public bool CanAssign => me.Has(Permissions.GuaranteesAssign);
    public bool CanReport => me.Has(Permissions.GuaranteesReport);

    public ProblemQuery Query => new(Blank(Region), Dimension, Status, Overdue ? true : null, Source, Blank(Responsible), HouseholdId,
        Blank(Period), Measure, PageNumber, 20);

    public string QueryString(int? page = null) => GuaranteePages.QueryOf(Query, page);

    /// <summary>The same filters without the bulletin drill-down (the chip's "×").</summary>
    public string WithoutMeasure() => GuaranteePages.QueryOf(Query with { Measure = null, Period = null });

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken ct)
    {
        if (!CanAssign) return Forbid();
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0) Error = FormErrors.FixAndRetry;
        else
        {
            var r = await handler.BulkAssignAsync(new BulkAssignRequest(Ids, Unit ?? "", Person ?? "", Deadline), ct);
            if (r.Succeeded)
            {
                var v = r.Value!;
                Notice = $"已交办 {v.Assigned} 个" + (v.Skipped.Count > 0 ? $"；跳过：{string.Join("；", v.Skipped)}" : "");
                return Redirect("/problems" + (QueryString(PageNumber) is { Length: > 0 } q ? "?" + q : ""));
            }
            Errors = FormErrors.FieldErrors(r.Failure);
            Error = r.Failure!.Message;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var r = await handler.SearchAsync(Query, ct);
        if (r.Succeeded) { Result = r.Value; return; }
        foreach (var (k, v) in FormErrors.FieldErrors(r.Failure)) Errors[k] = v;
        Error ??= r.Failure!.Message;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

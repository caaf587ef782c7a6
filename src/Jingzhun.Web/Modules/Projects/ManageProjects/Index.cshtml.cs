using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.ManageProjects;

/// <summary>衔接项目库: the projects of the user's region, filtered, with their money and warnings.</summary>
[Authorize(Permissions.ProjectsView)]
public sealed class IndexModel(ManageProjectsHandler handler, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public ProjectStage? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public ProjectCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public bool Warning { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    public PageResult<ProjectRow>? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    public bool CanPropose => me.Has(Permissions.ProjectsPropose);
    public bool CanImport => Enum.GetValues<Import.ImportKind>().Any(k => me.Has(Import.ProjectsImportHandler.PermissionOf(k)));

    public ProjectQuery Query => new(Blank(Region), Year, Stage, Category, Warning ? true : null, Blank(Q), PageNumber, 20);
    public string QueryString(int? page = null) => ProjectPages.QueryOf(Query, page);

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

using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Admin.ManagePolicies;

/// <summary>
/// Sets a policy table's row for a place and year (a new row, or that row overwritten), starting from the values in
/// force there; bad values come back next to their fields.
/// </summary>
[Authorize(Policy = Permissions.PolicyEdit)]
public sealed class NewModel(PolicyPages pages, PolicyStore store, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public string? Year { get; set; }
    [BindProperty] public Dictionary<string, string?> Values { get; set; } = [];
    /// <summary>The version of the place's row of that year as the form was opened (none for a new row).</summary>
    [BindProperty] public int? Version { get; set; }

    public IPolicyTable Table { get; private set; } = null!;
    public IReadOnlyList<(string Value, string Label)> Choices { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, string? region, int? year, CancellationToken ct)
    {
        if (!Load(key)) return NotFound();
        Region = region ?? Choices.FirstOrDefault().Value;
        var y = year ?? ChinaTime.Today(clock).Year;
        Year = y.ToString();
        var code = Table.Level.Parse(Region) ?? "";
        Values = (await Table.InForceAsync(store, code, y, ct)).Values.ToDictionary(v => v.Key, v => (string?)v.Value);
        Version = (await Table.RowsAsync(store, ct)).FirstOrDefault(r => r.Code == code && r.Year == y)?.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        if (!Load(key)) return NotFound();
        var year = int.TryParse(Year?.Trim(), out var y) ? y : 0;
        var saved = await Table.SaveAsync(store, Region, year, Values, Version, ct);
        if (saved.Succeeded)
        {
            TempData["Message"] = $"已保存{pages.PlaceName(Table, saved.Value!.Code)} {saved.Value.Year}年起的{Table.Title}";
            return Redirect($"/admin/policies/{Table.Key}");
        }
        var failure = saved.Failure!;
        Errors = FormErrors.FieldErrors(failure);
        if (year == 0 && Errors.ContainsKey("year")) Errors["year"] = ["请填写年度（4位数字）"];
        if (failure.Kind == FailureKind.Forbidden) Errors[Table.Level.Parameter] = [failure.Message];
        Problem = failure.Kind == FailureKind.Invalid ? FormErrors.FixAndRetry : failure.Message;
        return Page();
    }

    private bool Load(string key)
    {
        if (pages.Find(key) is not { } table) return false;
        Table = table;
        Choices = pages.Choices(table);
        return true;
    }

    public string ErrorOf(string key) => FormErrors.ErrorOf(Errors, key);
}

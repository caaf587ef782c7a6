using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.FieldWork.ReviewMeetings;

[Authorize(Permissions.FieldWorkView)]
public sealed partial class IndexModel(ReviewMeetingsHandler handler, CurrentUser user) : ViewPage<MeetingsView>
{
    public const int FormRows = 5;

    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }
    /// <summary>The township whose open problems and leads the form offers.</summary>
    [BindProperty(SupportsGet = true)] public string? Township { get; set; }

    [BindProperty] public DateOnly? HeldOn { get; set; }
    [BindProperty] public string? Attendees { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public List<ItemForm> Items { get; set; } = [];

    public IReadOnlyList<OpenIssue> Issues { get; private set; } = [];
    public string? FormError { get; private set; }

    public sealed class ItemForm
    {
        public string? Issue { get; set; }
        public string? Subject { get; set; }
        public string? Decision { get; set; }
        public string? ActedBy { get; set; }
        public bool Resolved { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Township ??= user.RegionCode is { Length: 9 } t ? t : null;
        if (Township is { } tw) Issues = await handler.OpenIssuesAsync(tw, ct);
        return Show(await handler.ListAsync(Region, Year, ct, PageNumber));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.Has(Permissions.FieldWorkMeet)) return Forbid();
        if (!ModelState.AcceptBinding()) return await Again(FormErrors.FixAndRetry, ct);
        // The rows filled in, with their place in the form: the handler's "items[k]" is the form's row rows[k].
        var rows = Enumerable.Range(0, Items.Count).Where(n => !string.IsNullOrWhiteSpace(Items[n].Issue) || !string.IsNullOrWhiteSpace(Items[n].Subject)
            || !string.IsNullOrWhiteSpace(Items[n].Decision)).ToList();
        var items = rows.Select(n => Items[n])
            .Select(i => new ReviewItemInput(Id(i.Issue, "p:"), Id(i.Issue, "l:"), i.Subject, i.Decision, i.ActedBy, i.Resolved)).ToList();
        var r = await handler.HoldAsync(new HoldMeetingRequest(Township, HeldOn, Attendees, Summary, items), ct);
        if (!r.Succeeded)
        {
            var errors = r.Failure!.Errors?.ToDictionary(e => ItemRow().Replace(e.Key, m => $"items[{rows[int.Parse(m.Groups[1].Value)]}]"), e => e.Value);
            return await Again(ModelState.AddFailure(r.Failure with { Errors = errors }, "", "townshipCode"), ct);
        }
        TempData["Message"] = "月研判会议已记录";
        return Redirect($"/fieldwork/meetings?{QueryStrings.Join(("region", Region), ("township", Township))}");
    }

    /// <summary>The messages of the form's row <paramref name="n"/> (the handler names it "items[k]").</summary>
    public string RowErrors(int n) => string.Join("；", ModelState.Where(e => e.Key.StartsWith($"Items[{n}]", StringComparison.Ordinal))
        .SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage));

    [System.Text.RegularExpressions.GeneratedRegex(@"^items\[(\d+)\]")]
    private static partial System.Text.RegularExpressions.Regex ItemRow();

    private static long? Id(string? key, string prefix) =>
        key is not null && key.StartsWith(prefix, StringComparison.Ordinal) && long.TryParse(key[prefix.Length..], out var id) ? id : null;

    private async Task<IActionResult> Again(string error, CancellationToken ct)
    {
        FormError = error;
        if (Township is { } tw) Issues = await handler.OpenIssuesAsync(tw, ct);
        var list = await handler.ListAsync(Region, Year, ct, PageNumber);
        return Show(list);
    }
}

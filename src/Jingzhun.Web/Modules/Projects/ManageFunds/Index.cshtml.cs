using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Projects.ManageFunds;

/// <summary>资金下达台账: the allocations of the user's counties, and the form that records one (county finance staff).</summary>
[Authorize(Permissions.FundsView)]
public sealed class IndexModel(ManageFundsHandler handler, CurrentUser me, RegionDirectory regions, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public FundSource? Source { get; set; }
    [BindProperty(SupportsGet = true, Name = "pg")] public int? PageNumber { get; set; }

    [BindProperty] public int? NewYear { get; set; }
    [BindProperty] public FundSource? NewSource { get; set; }
    [BindProperty] public FundLevel? Level { get; set; }
    [BindProperty] public string? DocumentNumber { get; set; }
    [BindProperty] public decimal? Amount { get; set; }
    [BindProperty] public string? CountyCode { get; set; }
    [BindProperty] public DateOnly? IssuedOn { get; set; }

    public PageResult<AllocationRow>? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Error { get; private set; }
    [TempData] public string? Notice { get; set; }
    public bool CanManage => me.Has(Permissions.FundsManage);
    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>The counties the user may record money for: their own, or those under their city or province.</summary>
    public IReadOnlyList<Region> Counties
    {
        get
        {
            var own = me.RegionCode ?? "";
            if (own.Length >= 6) return regions.Find(own[..6]) is { } c ? [c] : [];
            IEnumerable<Region> level = own == "" ? regions.ChildrenOf("") : [regions.Find(own)!];
            while (level.Any() && level.First().Level < RegionLevel.County) level = level.SelectMany(r => regions.ChildrenOf(r.Code)).ToList();
            return level.ToList();
        }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        Errors = ModelState.BindingErrors();
        if (Errors.Count > 0) Error = FormErrors.FixAndRetry;
        else
        {
            var r = await handler.CreateAsync(new CreateAllocationRequest(NewYear ?? 0, NewSource ?? 0, Level ?? 0, DocumentNumber ?? "", Amount ?? 0,
                CountyCode ?? "", IssuedOn ?? default), ct);
            if (r.Succeeded)
            {
                Notice = $"已登记资金下达 {r.Value!.DocumentNumber}：{ProjectPages.Yuan(r.Value.Amount)} 元";
                return Redirect("/projects/funds");
            }
            Error = r.Failure!.Message;
            Errors = FormErrors.FieldErrors(r.Failure);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var r = await handler.SearchAsync(new AllocationQuery(null, Year, Source, PageNumber, 20), ct);
        Result = r.Value;
    }
}

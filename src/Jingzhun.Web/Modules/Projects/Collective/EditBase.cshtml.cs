using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.Projects.Collective;

/// <summary>编辑产业基地: the base's fields as registered (its place stays), saved with the version read.</summary>
[Authorize(Permissions.ProjectsImplement)]
public sealed class EditBaseModel(ManageIndustryHandler handler) : BaseFormModel
{
    [BindProperty] public int? Version { get; set; }
    public IndustryBaseView Base { get; private set; } = null!;
    public override string Submit => "保存修改";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var b = Base;
        (Version, IndustryId, Name, Product, AreaMu, Households, PoorHouseholds, Operators, LinkMethod) =
            (b.Version, b.IndustryId, b.Name, b.Product, b.AreaMu, b.Households, b.PoorHouseholds, b.Operators, b.LinkMethod);
        VillageCodes = [.. b.VillageCodes];
        ProjectIds = [.. b.Projects.Select(p => p.Id)];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return await SaveAsync(() => handler.UpdateBaseAsync(id, new UpdateIndustryBaseRequest(Version ?? 0, IndustryId, Name ?? "", Product ?? "",
            AreaMu ?? 0, VillageCodes, Households ?? 0, PoorHouseholds ?? 0, Operators ?? "", LinkMethod ?? 0, ProjectIds), ct),
            b => $"已修改产业基地“{b.Name}”") ?? Page();
    }

    /// <summary>The base (in the user's scope) and what its form offers; its linked projects stay on offer even when older than the list's.</summary>
    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var found = await handler.GetBaseAsync(id, ct);
        if (!found.Succeeded) return false;
        Base = found.Value!;
        var options = await handler.FormOptionsAsync(Base.RegionCode, ct);
        if (!options.Succeeded) return false;
        var o = options.Value!;
        Options = o with { Projects = [.. o.Projects, .. Base.Projects.Where(p => o.Projects.All(x => x.Id != p.Id))] };
        return true;
    }
}

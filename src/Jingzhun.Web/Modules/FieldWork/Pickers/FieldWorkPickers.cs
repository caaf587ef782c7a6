using System.Linq.Expressions;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.Pickers;

public sealed record CadreChoice(long Id, string Name, string Unit, string RegionCode, string? PhoneMasked);

public sealed record TeamChoice(long Id, string Name, string VillageCode, DateOnly StartedOn, DateOnly? EndedOn);

/// <summary>
/// 帮扶干部 chosen by name or unit (/api/v1/pickers/cadres): active cadres of the user's region, every one of them by
/// paging (no cut-off at a few hundred). Two cadres with the same name and unit are told apart by the place they serve
/// and the masked phone. A village filter finds the cadres of its township.
/// </summary>
public sealed class CadrePicker(AppDbContext db, RegionDirectory regions, TimeProvider clock) : PickerSource<Cadre, CadreChoice>(db.Cadres.AsNoTracking())
{
    public override string Kind => "cadres";
    protected override IQueryable<Cadre> Choosable(IQueryable<Cadre> query)
    {
        var today = ChinaTime.Today(clock);
        // A recalled (召回) cadre is no longer choosable from the day of the recall, as the pairing rule says.
        return query.Where(c => c.ActiveFrom <= today && (c.ActiveTo == null || c.ActiveTo >= today) && (c.RecalledOn == null || c.RecalledOn > today));
    }
    protected override IQueryable<Cadre> Within(IQueryable<Cadre> query, string region) => query.InRegion(region.Length > 9 ? region[..9] : region);
    protected override IQueryable<Cadre> Matching(IQueryable<Cadre> query, string text) => query.Where(c => c.Name.Contains(text) || c.Unit.Contains(text));
    protected override IOrderedQueryable<Cadre> Ordered(IQueryable<Cadre> query) => query.OrderBy(c => c.Name).ThenBy(c => c.Unit).ThenBy(c => c.Id);
    protected override Expression<Func<Cadre, CadreChoice>> Read => c => new CadreChoice(c.Id, c.Name, c.Unit, c.RegionCode, c.PhoneMasked);
    protected override Expression<Func<Cadre, bool>> IdIn(List<long> ids) => c => ids.Contains(c.Id);
    protected override PickerItem Item(CadreChoice c) =>
        new(c.Id.ToString(), c.Name, string.Join(" · ", new[] { c.Unit, regions.ShortPath(c.RegionCode), c.PhoneMasked is { Length: > 0 } p ? "手机 " + p : null }.OfType<string>()));
}

/// <summary>驻村工作队 chosen by name or village (/api/v1/pickers/teams): the teams in post first.</summary>
public sealed class TeamPicker(AppDbContext db, RegionDirectory regions) : PickerSource<WorkTeam, TeamChoice>(db.WorkTeams.AsNoTracking())
{
    public override string Kind => "teams";
    protected override IQueryable<WorkTeam> Matching(IQueryable<WorkTeam> query, string text)
    {
        // A village's name finds its teams too.
        var villages = regions.Search(text, null, 200).Where(r => r.Code.Length == 12).Select(r => r.Code).ToList();
        return query.Where(t => t.Name.Contains(text) || villages.Contains(t.VillageCode));
    }
    protected override IOrderedQueryable<WorkTeam> Ordered(IQueryable<WorkTeam> query) =>
        query.OrderBy(t => t.EndedOn != null).ThenBy(t => t.VillageCode).ThenByDescending(t => t.StartedOn);
    protected override Expression<Func<WorkTeam, TeamChoice>> Read => t => new TeamChoice(t.Id, t.Name, t.VillageCode, t.StartedOn, t.EndedOn);
    protected override Expression<Func<WorkTeam, bool>> IdIn(List<long> ids) => t => ids.Contains(t.Id);
    protected override PickerItem Item(TeamChoice t) =>
        new(t.Id.ToString(), t.Name, $"{regions.ShortPath(t.VillageCode)} · {t.StartedOn:yyyy-MM-dd} 至 {(t.EndedOn is { } e ? e.ToString("yyyy-MM-dd") : "今")}");
}

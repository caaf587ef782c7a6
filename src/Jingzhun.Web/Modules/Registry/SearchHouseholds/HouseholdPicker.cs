using System.Linq.Expressions;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Forms;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry.SearchHouseholds;

public sealed record HouseholdChoice(long Id, string HeadName, string HouseholdNumber, string VillageCode, int Size);

/// <summary>Households chosen by the head's name or the 户编号 (/api/v1/pickers/households); the number and village tell namesakes apart.</summary>
public sealed class HouseholdPicker(ReadDb read, RegionDirectory regions) : PickerSource<Household, HouseholdChoice>(read.Db.Households.AsNoTracking())
{
    private readonly AppDbContext db = read.Db;
    public override string Kind => "households";
    // The user's own region and a pairing cadre's households as plain predicates: the scope filter's "no scope, or this
    // range" is an OR of parameters that SQLite's planner cannot resolve, so a township user's search would read every
    // household of the database (as in SearchHouseholds).
    protected override string? DefaultRegion => db.ScopePrefix is { Length: > 0 } mine && Regions.Rules.RegionCodes.IsValid(mine) ? mine : null;
    protected override IQueryable<Household> Choosable(IQueryable<Household> query) =>
        db.ScopeHouseholds is { } paired ? query.Where(h => paired.Contains(h.Id)) : query;
    protected override IQueryable<Household> Matching(IQueryable<Household> query, string text) =>
        query.Where(h => h.HeadName.Contains(text) || h.HouseholdNumber.StartsWith(text));
    protected override IOrderedQueryable<Household> Ordered(IQueryable<Household> query) => query.OrderBy(h => h.HeadName).ThenBy(h => h.HouseholdNumber);
    protected override Expression<Func<Household, HouseholdChoice>> Read => h => new HouseholdChoice(h.Id, h.HeadName, h.HouseholdNumber, h.VillageCode, h.Size);
    protected override Expression<Func<Household, bool>> IdIn(List<long> ids) => h => ids.Contains(h.Id);
    protected override PickerItem Item(HouseholdChoice h) =>
        new(h.Id.ToString(), h.HeadName, $"户编号 {h.HouseholdNumber} · {regions.ShortPath(h.VillageCode)} · {h.Size}人");
}

namespace Jingzhun.Web.Modules.FieldWork;

/// <summary>
/// The one definition of "paired" (结对) that every list, count, filter and the field app use: a pairing not ended whose
/// cadre still serves on the day. A recalled (调整召回) or rotated-out cadre's households are 未结对 until a new cadre is paired.
/// </summary>
public static class PairingsInForce
{
    public static IQueryable<Pairing> InForce(this IQueryable<Pairing> pairings, DateOnly day) =>
        pairings.Where(p => p.EndedOn == null && (p.CadreLeavesOn == null || p.CadreLeavesOn >= day));
}

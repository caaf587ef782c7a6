using System.Security.Claims;

namespace Jingzhun.Web.Platform.Auth;

/// <summary>
/// A module that narrows a signed-in user's scope below their region to a set of households (field work: a pairing
/// cadre sees only the households paired with them). Returns null when it has nothing to say about this user.
/// </summary>
public interface IHouseholdScopeSource
{
    Task<HouseholdScope?> ScopeForAsync(ClaimsPrincipal user, CancellationToken ct);
}

/// <summary>The households a user may see within their region, and the cadre record whose own records they may see.</summary>
public sealed record HouseholdScope(long[] Households, long? CadreId);

internal static class HouseholdScopeMiddleware
{
    /// <summary>After authentication: asks the registered sources once per request and narrows the scope.</summary>
    public static IApplicationBuilder UseHouseholdScope(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.User.Identity?.IsAuthenticated == true)
            foreach (var source in ctx.RequestServices.GetServices<IHouseholdScopeSource>())
                if (await source.ScopeForAsync(ctx.User, ctx.RequestAborted) is { } narrowed)
                {
                    HttpRegionScope.Narrow(ctx, narrowed);
                    break;
                }
        await next();
    });
}

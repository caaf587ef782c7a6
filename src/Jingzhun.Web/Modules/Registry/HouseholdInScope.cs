using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Registry;

/// <summary>
/// For lists filtered by <c>householdId</c>: a household outside the caller's scope (or none at all) answers 404 like
/// its detail page, rather than an empty list. The household query is scoped by the context filter.
/// </summary>
public sealed class HouseholdInScope : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (long.TryParse(http.Request.Query["householdId"].FirstOrDefault(), out var id))
        {
            var db = http.RequestServices.GetRequiredService<AppDbContext>();
            if (!await db.Households.AnyAsync(h => h.Id == id, http.RequestAborted)) return Failure.NotFound("该户").ToProblem();
        }
        return await next(context);
    }
}

public static class HouseholdInScopeExtensions
{
    /// <summary>404 when the list's <c>householdId</c> filter names a household the caller may not see.</summary>
    public static TBuilder RequireHouseholdInScope<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, HouseholdInScope>();
}

/// <summary>
/// The same rule for every page: a <c>householdId</c> in the query naming a household outside the user's scope answers
/// 404 (as the household's own page does), never a list that is empty because the household is someone else's.
/// </summary>
public sealed class HouseholdInScopePageFilter(AppDbContext db) : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true && long.TryParse(http.Request.Query["householdId"].FirstOrDefault(), out var id)
            && !await db.Households.AnyAsync(h => h.Id == id, http.RequestAborted))
        {
            context.Result = new Microsoft.AspNetCore.Mvc.NotFoundResult();
            return;
        }
        await next();
    }
}

using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Platform.Problems;

/// <summary>
/// Documents in the OpenAPI description the error answers every API endpoint can give, from what the endpoint declares:
/// 400 (ValidationProblem, field errors) when it takes any input, 404 when its route names a record or it filters by a
/// place or household (outside the caller's scope answers 404), 409 for writes, 401/403 when it needs sign-in. The
/// success shape comes from the endpoint's typed result (<see cref="ProblemMapping.ToHttp{T, TOk}"/>) or its Produces.
/// </summary>
public static class ProblemResponses
{
    private const string ProblemJson = "application/problem+json";
    private static readonly HashSet<string> Writes = ["POST", "PUT", "PATCH", "DELETE"];
    // Query and route parameters that name a record or a place: a value outside the caller's scope answers 404.
    private static readonly HashSet<string> ScopedInputs = new(StringComparer.OrdinalIgnoreCase)
    {
        "region", "regionCode", "householdId", "villageCode", "cadreId", "teamId", "code", "id", "name",
    };

    public static TBuilder AddProblemResponses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(b =>
        {
            if (b is not RouteEndpointBuilder route) return;
            var codes = b.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            void Add(int status, Type type)
            {
                if (codes.Add(status)) b.Metadata.Add(new ProducesResponseTypeMetadata(status, type, [ProblemJson]));
            }

            var inputs = Inputs(b).ToList();
            if (inputs.Count > 0) Add(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
            if (route.RoutePattern.Parameters.Count > 0 || inputs.Any(ScopedInputs.Contains))
                Add(StatusCodes.Status404NotFound, typeof(ProblemDetails));
            var methods = b.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods);
            if (methods.Any(Writes.Contains)) Add(StatusCodes.Status409Conflict, typeof(ProblemDetails));
            if (b.Metadata.OfType<IAuthorizeData>().Any() && !b.Metadata.OfType<IAllowAnonymous>().Any())
            {
                Add(StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
                Add(StatusCodes.Status403Forbidden, typeof(ProblemDetails));
            }
        });
        return builder;
    }

    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Documents a file answer (an Excel workbook unless other content types are named).</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder b, params string[] contentTypes) =>
        b.Produces<Stream>(StatusCodes.Status200OK, contentTypes.Length == 0 ? Xlsx : contentTypes[0], [.. contentTypes.Skip(1)]);

    /// <summary>The names of what the caller sends: route and query values, the properties of [AsParameters] sets, a body, a file.</summary>
    private static IEnumerable<string> Inputs(EndpointBuilder b)
    {
        var method = b.Metadata.OfType<MethodInfo>().FirstOrDefault();
        if (method is null) yield break;
        var services = b.ApplicationServices.GetService<IServiceProviderIsService>();
        foreach (var p in method.GetParameters())
        {
            var t = p.ParameterType;
            if (t == typeof(CancellationToken) || t == typeof(HttpContext) || t == typeof(HttpRequest) || t == typeof(HttpResponse)
                || t == typeof(ClaimsPrincipal) || p.IsDefined(typeof(FromServicesAttribute)) || services?.IsService(t) == true)
                continue;
            if (p.IsDefined(typeof(AsParametersAttribute)))
            {
                foreach (var prop in t.GetProperties(BindingFlags.Public | BindingFlags.Instance)) yield return prop.Name;
                continue;
            }
            yield return p.Name ?? "";
        }
    }
}

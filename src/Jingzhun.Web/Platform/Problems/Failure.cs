using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jingzhun.Web.Platform.Problems;

public enum FailureKind { NotFound, Invalid, Conflict, Forbidden }

/// <summary>An expected failure of a use case; mapped to ProblemDetails in one place (<see cref="ProblemMapping"/>).</summary>
public sealed record Failure(FailureKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Failure NotFound(string what = "记录") => new(FailureKind.NotFound, $"{what}不存在或不在您的管辖范围内");
    public static Failure Conflict(string message) => new(FailureKind.Conflict, message);

    /// <summary>"X已被 Y 于 T 修改": a stale edit (optimistic concurrency), naming who changed the record and when (Beijing time).</summary>
    public static Failure StaleEdit(string what, string by, DateTime at) =>
        Conflict($"{what}已被 {(by.Length > 0 ? by : "系统")} 于 {Localization.ChinaTime.Format(at)} 修改，您看到的是旧数据。请刷新后重新编辑。");
    public static Failure Forbidden(string message) => new(FailureKind.Forbidden, message);
    public static Failure Invalid(string field, string message) =>
        new(FailureKind.Invalid, message, new Dictionary<string, string[]> { [Prefixed("", field)] = [message] });
    public static Failure Invalid(ValidationResult result, string prefix = "") =>
        new(FailureKind.Invalid, "提交的数据有误，请按提示修改",
            result.Errors.GroupBy(e => Prefixed(prefix, e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));

    /// <summary>Field keys as the JSON and the forms name them: camelCase, dotted under a prefix.</summary>
    public static string Prefixed(string prefix, string name)
    {
        var camel = string.Join('.', name.Split('.').Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName));
        return prefix.Length == 0 ? camel : $"{prefix}.{camel}";
    }
}

/// <summary>A use case's answer: a value or a failure.</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, Failure? failure) { Value = value; Failure = failure; }
    public T? Value { get; }
    public Failure? Failure { get; }
    public bool Succeeded => Failure is null;
    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
    public static Outcome<T> From(T value) => new(value, null);
}

public static class ProblemMapping
{
    /// <summary>The failure as ProblemDetails: 400 with the field errors, 404, 409 or 403, each with its Chinese title.</summary>
    public static IResult ToProblem(this Failure f) => f.Kind == FailureKind.Invalid ? f.ToValidationProblem() : f.ToStatusProblem();

    private static ValidationProblem ToValidationProblem(this Failure f) => TypedResults.ValidationProblem(
        f.Errors is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]>(f.Errors), title: f.Message);

    private static ProblemHttpResult ToStatusProblem(this Failure f) => TypedResults.Problem(title: f.Message, statusCode: f.Kind switch
    {
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status500InternalServerError,
    });

    /// <summary>
    /// The use case's answer as a typed result: the success result (so the OpenAPI document shows its shape), a 400
    /// ValidationProblem, or a status ProblemDetails. The other error statuses are documented by <see cref="ProblemResponses"/>.
    /// </summary>
    public static Results<TOk, ValidationProblem, ProblemHttpResult> ToHttp<T, TOk>(this Outcome<T> o, Func<T, TOk> ok)
        where TOk : IResult
    {
        if (o.Succeeded) return ok(o.Value!);
        return o.Failure!.Kind == FailureKind.Invalid ? o.Failure.ToValidationProblem() : o.Failure.ToStatusProblem();
    }

    /// <summary>For answers that are files or other untyped results (their content type is declared on the endpoint).</summary>
    public static IResult ToHttp<T>(this Outcome<T> o, Func<T, IResult> ok) => o.Succeeded ? ok(o.Value!) : o.Failure!.ToProblem();
}

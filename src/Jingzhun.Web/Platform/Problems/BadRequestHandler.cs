using System.Text.Json;
using System.Text.RegularExpressions;
using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Jingzhun.Web.Platform.Problems;

public static class BadRequestProblems
{
    /// <summary>
    /// Malformed requests (a body that is not the expected JSON, a query value that is not a number or not one of
    /// the codes) answer 400 with a Chinese ProblemDetails naming the field, in every environment; form posts get
    /// Chinese binding messages next to the fields.
    /// </summary>
    public static IServiceCollection AddBadRequestProblems(this IServiceCollection services)
    {
        services.AddExceptionHandler<BadRequestHandler>();
        // Minimal APIs answer a bare 400 outside Development and throw inside it: always throw, and answer here.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<MvcOptions>(o => ChineseBindingMessages(o.ModelBindingMessageProvider));
        return services;
    }

    private static void ChineseBindingMessages(DefaultModelBindingMessageProvider m)
    {
        m.SetAttemptedValueIsInvalidAccessor((_, field) => $"{field}的值无效");
        m.SetMissingBindRequiredValueAccessor(field => $"请填写{field}");
        m.SetMissingKeyOrValueAccessor(() => "请填写此项");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容不能为空");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "填写的值无效");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "填写的值无效");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "此项应填写数字");
        m.SetUnknownValueIsInvalidAccessor(field => $"{field}的值无效");
        m.SetValueIsInvalidAccessor(_ => "填写的值无效");
        m.SetValueMustBeANumberAccessor(field => $"{field}应填写数字");
        m.SetValueMustNotBeNullAccessor(field => $"请填写{field}");
    }
}

/// <summary>Turns the framework's binding and JSON failures into a 400 ProblemDetails with a Chinese title and the field.</summary>
internal sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (Describe(exception) is not var (status, field, message)) return false;
        if (http.Response.HasStarted) return false;
        http.Response.StatusCode = status;
        var details = new HttpValidationProblemDetails(field is null
            ? new Dictionary<string, string[]>()
            : new Dictionary<string, string[]> { [field] = [message] })
        {
            Title = message,
            Status = status,
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    private static (int Status, string? Field, string Message)? Describe(Exception e)
    {
        switch (e)
        {
            case BadHttpRequestException b:
                if (Inner<JsonException>(b) is { } bodyError) return FromJson(bodyError);
                if (b.StatusCode == StatusCodes.Status415UnsupportedMediaType)
                    return (b.StatusCode, null, "请求的内容类型不受支持，请以 application/json 提交");
                if (b.StatusCode == StatusCodes.Status413PayloadTooLarge) return (b.StatusCode, null, "提交的内容过大");
                var name = ParameterName().Match(b.Message) is { Success: true } m ? Failure.Prefixed("", m.Groups["name"].Value) : null;
                var type = ParameterName().Match(b.Message) is { Success: true } t ? t.Groups["type"].Value : "";
                if (b.Message.Contains("no body was provided", StringComparison.Ordinal) ||
                    b.Message.Contains("from body", StringComparison.Ordinal))
                    return (StatusCodes.Status400BadRequest, null, "请求内容不能为空，请提交 JSON 数据");
                if (b.Message.StartsWith("Required parameter", StringComparison.Ordinal))
                    return (StatusCodes.Status400BadRequest, name, $"缺少参数“{name}”");
                if (name is not null)
                    return (StatusCodes.Status400BadRequest, name, $"参数“{name}”的值无效{Choices(type)}");
                return (b.StatusCode is >= 400 and < 500 ? b.StatusCode : 400, null, "请求格式不正确");
            case JsonException json:
                return FromJson(json);
            case InvalidDataException:
                return (StatusCodes.Status400BadRequest, null, "提交的表单格式不正确");
            default:
                return null;
        }
    }

    private static (int, string?, string) FromJson(JsonException json)
    {
        var path = json.Path is null or "$" ? null : JsonPath(json.Path);
        if (path is null) return (StatusCodes.Status400BadRequest, null, "请求内容不是有效的 JSON 对象");
        var target = ConvertedTo().Match(json.Message) is { Success: true } m ? m.Groups["type"].Value : "";
        return (StatusCodes.Status400BadRequest, path, $"字段“{path}”的值格式不正确{Choices(target)}");
    }

    /// <summary>"$.household.status" → "household.status"; "$.visits[0].kind" → "visits[0].kind" (the JSON's own names).</summary>
    private static string JsonPath(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>For a code list (an enum of this application), the values it accepts with their Chinese labels.</summary>
    private static string Choices(string typeName)
    {
        // "Jingzhun...HouseholdStatus", "Nullable`1[[Jingzhun...HouseholdStatus, ...]]", "HouseholdStatus?", "Nullable<HouseholdStatus>"
        var name = NullableOf().Match(typeName) is { Success: true } n ? n.Groups["inner"].Value
            : LastIdentifier().Match(typeName) is { Success: true } l ? l.Groups["name"].Value : "";
        if (string.IsNullOrWhiteSpace(name)) return "";
        var type = typeof(BadRequestHandler).Assembly.GetType(name)
            ?? typeof(BadRequestHandler).Assembly.GetTypes().FirstOrDefault(t => t.IsEnum && t.Name == name);
        if (type is not { IsEnum: true }) return "";
        var values = Enum.GetValues(type).Cast<Enum>().Take(40).Select(v => $"{v}（{Labels.Of(v)}）");
        return "，可选值：" + string.Join("、", values);
    }

    private static T? Inner<T>(Exception e) where T : Exception
    {
        for (var x = e.InnerException; x is not null; x = x.InnerException)
            if (x is T t) return t;
        return null;
    }

    // Messages of RequestDelegateFactory: Failed to bind parameter "HouseholdStatus? Status" from "x".
    [GeneratedRegex("parameter \"(?<type>[^\"]*?)\\s(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();

    [GeneratedRegex("converted to (?<type>[^ ]+?)\\. Path:")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_.]*)[?>\]]*$")]
    private static partial Regex LastIdentifier();

    [GeneratedRegex(@"Nullable`1\[\[(?<inner>[^,\]]+)")]
    private static partial Regex NullableOf();
}

/// <summary>
/// Checks what JSON binding lets through on every API endpoint, before the handler runs: a nested object or text the
/// request type requires but the body left out or sent as null (<c>household: null</c>), a code number no enum defines
/// (<c>status: 999</c>, <c>?measure=999</c>), an amount beyond any column, a text beyond any field's length.
/// Each answers 400 naming the field; the use case's validator then checks the values themselves.
/// </summary>
public static class BoundInputChecks
{
    /// <summary>Longer than any text field of the system (the longest notes hold 4,000 characters).</summary>
    public const int MaxText = 10_000;
    private const decimal MaxAmount = 1_000_000_000_000m;   // numeric(14,2) holds up to 10^12

    // Chinese names of the nested parts a request carries.
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["household"] = "户信息", ["head"] = "户主信息", ["member"] = "成员信息", ["visits"] = "走访记录",
        ["userName"] = "用户名", ["displayName"] = "姓名", ["regionCode"] = "所属区划", ["villageCode"] = "所在村",
        ["role"] = "角色", ["password"] = "密码", ["name"] = "名称", ["description"] = "描述", ["detail"] = "情况说明",
    };

    public static TBuilder AddBoundInputChecks<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var errors = new Dictionary<string, string[]>();
            var endpoint = ctx.HttpContext.GetEndpoint();
            var parameters = endpoint?.Metadata.GetMetadata<System.Reflection.MethodInfo>()?.GetParameters();
            var bodyType = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
            for (var i = 0; i < ctx.Arguments.Count && parameters is not null && i < parameters.Length; i++)
            {
                var (p, value) = (parameters[i], ctx.Arguments[i]);
                if (bodyType is not null && p.ParameterType == bodyType)
                    Check(value, p.ParameterType, "", errors, 0, strict: true);
                else if (p.IsDefined(typeof(AsParametersAttribute), false))
                    Check(value, p.ParameterType, "", errors, 0, strict: false);
                else if (value is Enum or decimal or double or string)
                    Check(value, p.ParameterType, p.Name ?? "", errors, 0, strict: false);
            }
            if (errors.Count == 0) return await next(ctx);
            var first = errors.First();
            return TypedResults.ValidationProblem(errors, title: first.Value[0]);
        });
        return builder;
    }

    private static void Check(object? value, Type? type, string path, Dictionary<string, string[]> errors, int depth, bool strict)
    {
        if (value is null || type is null || depth > 4 || errors.Count > 20) return;
        var t = Nullable.GetUnderlyingType(type) ?? type;
        switch (value)
        {
            case Enum e when !t.IsDefined(typeof(FlagsAttribute), false) && !Enum.IsDefined(t, e):
                errors[Field(path)] = [$"{Label(path)}的值不是可选的代码"];
                return;
            case decimal d when Math.Abs(d) >= MaxAmount:
                errors[Field(path)] = [$"{Label(path)}的数值超出范围"];
                return;
            case double f when double.IsNaN(f) || double.IsInfinity(f) || Math.Abs(f) >= 1e12:
                errors[Field(path)] = [$"{Label(path)}的数值超出范围"];
                return;
            case string s when s.Length > MaxText:
                errors[Field(path)] = [$"{Label(path)}不能超过{MaxText}个字"];
                return;
            case string or ValueType or Stream or IFormFile or IFormFileCollection or HttpContext or CancellationToken:
                return;
        }
        if (value is System.Collections.IEnumerable items)
        {
            var element = t.IsArray ? t.GetElementType() : t.IsGenericType ? t.GetGenericArguments()[^1] : null;
            var n = 0;
            foreach (var item in items)
            {
                var itemPath = $"{path}[{n}]";
                if (item is null && strict && element is not null && (element == typeof(string) || IsOurs(element)))
                    errors[Field(itemPath)] = [$"{Label(path)}的第{n + 1}项不能为空"];
                else Check(item, element ?? item?.GetType(), itemPath, errors, depth + 1, strict);
                if (++n >= 1000) break;
            }
            return;
        }
        if (!IsOurs(t)) return;
        foreach (var (property, nullable) in Properties(t))
        {
            var inner = property.GetValue(value);
            var innerPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (inner is null && !nullable && strict)
                errors[Field(innerPath)] = [$"请填写{Label(innerPath)}"];
            else Check(inner, property.PropertyType, innerPath, errors, depth + 1, strict);
        }
    }

    private static bool IsOurs(Type t) => t.Assembly == typeof(BoundInputChecks).Assembly && !t.IsEnum;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (System.Reflection.PropertyInfo, bool)[]> Cache = new();

    /// <summary>The readable public properties with whether the type declares them nullable (reference types by annotation).</summary>
    private static (System.Reflection.PropertyInfo Property, bool Nullable)[] Properties(Type t) => Cache.GetOrAdd(t, type =>
    {
        var context = new System.Reflection.NullabilityInfoContext();
        return type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => (p, p.PropertyType.IsValueType || context.Create(p).ReadState != System.Reflection.NullabilityState.NotNull))
            .ToArray();
    });

    private static string Field(string path) => Failure.Prefixed("", path);

    private static string Label(string path)
    {
        var last = path.Split('.')[^1];
        var bare = last.Split('[')[0];
        return Names.TryGetValue(bare, out var name) ? name : $"“{Field(path)}”";
    }
}

using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Jingzhun.Web.Platform.Forms;

/// <summary>Puts a use case's failure next to the form fields that caused it, in Chinese.</summary>
public static class FormErrors
{
    public const string FixAndRetry = "提交的数据有误，请按提示修改";

    /// <summary>
    /// False when the form must be shown again before calling the handler: a posted value could not be read ("abc" in
    /// a number field; <see cref="BindingErrorsFilter"/> has put a Chinese message next to it) or a text is over its
    /// <c>[Text]</c> limit. An empty value is left to the use case's validator, which knows whether it is required.
    /// </summary>
    public static bool AcceptBinding(this ModelStateDictionary state) => state.IsValid;

    /// <summary>
    /// For a page that shows its own field errors (<see cref="ErrorOf"/>): the values under <paramref name="prefix"/>
    /// that could not be read, as field → message ("Measure.Amount" → "amount"); empty when there are none.
    /// </summary>
    public static Dictionary<string, string[]> BindingErrors(this ModelStateDictionary state, string prefix = "")
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var start = prefix.Length == 0 ? "" : prefix + ".";
        foreach (var (key, entry) in state)
            if (entry.Errors.Count > 0 && key.StartsWith(start, StringComparison.OrdinalIgnoreCase))
                errors[Failure.Prefixed("", key[start.Length..])] = entry.Errors.Select(e => e.ErrorMessage).ToArray();
        return errors;
    }

    /// <summary>The message for a posted value that is not a <paramref name="type"/>, quoting it (shortened).</summary>
    public static string Unreadable(string value, Type? type)
    {
        var typed = value.Trim();
        var quoted = typed.Length <= 20 ? typed : typed[..20] + "…";
        return type switch
        {
            _ when type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) => $"“{quoted}”不是有效的日期，请按“年-月-日”填写",
            _ when type == typeof(bool) => $"“{quoted}”不是有效的选项，请重新选择",
            { IsEnum: true } => $"“{quoted}”不是可选的值，请从列表中选择",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => $"“{quoted}”不是有效的整数，请填写数字",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => $"“{quoted}”不是有效的数值，请填写数字",
            _ => $"“{quoted}”格式不正确，请重新填写",
        };
    }

    /// <summary>
    /// Adds the failure's field errors ("household.exitYear" → "Household.ExitYear", under <paramref name="prefix"/>)
    /// and returns the message to show at the top of the form. Keys in <paramref name="unprefixed"/> go to the summary.
    /// </summary>
    public static string AddFailure(this ModelStateDictionary state, Failure failure, string prefix = "", params string[] unprefixed)
    {
        if (failure.Errors is not { Count: > 0 }) return failure.Message;
        foreach (var (key, messages) in failure.Errors)
        {
            var field = unprefixed.Contains(key) ? "" : FieldName(key, prefix);
            foreach (var m in messages) state.AddModelError(field, m);
        }
        // The details are next to the fields; the top says only that there are some.
        return FixAndRetry;
    }

    public static string FieldName(string key, string prefix = "")
    {
        var pascal = string.Join('.', key.Split('.').Select(s => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..]));
        return prefix.Length == 0 ? pascal : $"{prefix}.{pascal}";
    }

    /// <summary>Warnings of a save (legacy ID number, ID from another province) appended to a success message.</summary>
    public static string WithWarnings(string message, IReadOnlyList<string> warnings) =>
        warnings.Count == 0 ? message : $"{message}。请注意：{string.Join("；", warnings)}";

    /// <summary>Field → messages of a failure (case-insensitive keys); empty when it names no field.</summary>
    public static Dictionary<string, string[]> FieldErrors(Failure? f) =>
        f?.Errors is null ? new(StringComparer.OrdinalIgnoreCase) : new Dictionary<string, string[]>(f.Errors, StringComparer.OrdinalIgnoreCase);

    public static string ErrorOf(IReadOnlyDictionary<string, string[]> errors, string field) =>
        errors.TryGetValue(field, out var m) ? string.Join("；", m) : "";
}

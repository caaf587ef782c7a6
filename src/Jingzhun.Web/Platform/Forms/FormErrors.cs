using Jingzhun.Web.Platform.Problems;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Jingzhun.Web.Platform.Forms;

/// <summary>Puts a use case's failure next to the form fields that caused it, in Chinese.</summary>
public static class FormErrors
{
    public const string FixAndRetry = "提交的数据有误，请按提示修改";

    /// <summary>
    /// Binding errors only: a value that could not be read ("abc" in a number field) gets a Chinese message; an empty
    /// value is left to the use case's validator, which names the field and knows whether it is required.
    /// Returns false when the form must be shown again before calling the handler.
    /// </summary>
    public static bool AcceptBinding(this ModelStateDictionary state)
    {
        foreach (var (key, entry) in state.ToList())
        {
            if (entry is null || entry.Errors.Count == 0) continue;
            if (string.IsNullOrWhiteSpace(entry.AttemptedValue))
            {
                state.Remove(key);
                continue;
            }
            entry.Errors.Clear();
            state.AddModelError(key, $"“{entry.AttemptedValue}”格式不正确，请重新填写");
        }
        return state.IsValid;
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

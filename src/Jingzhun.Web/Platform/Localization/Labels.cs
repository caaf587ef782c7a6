using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Jingzhun.Web.Platform.Localization;

/// <summary>Chinese labels of code-table enums, from their [Display(Name)] attributes.</summary>
public static class Labels
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    public static string Of(Enum? value) => value is null ? "" : Cache.GetOrAdd(value, v =>
        v.GetType().GetField(v.ToString())?.GetCustomAttribute<DisplayAttribute>()?.Name ?? v.ToString());

    public static IEnumerable<(T Value, string Label)> For<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (v, Of(v)));

    /// <summary>Parses the label (因病), the name (Illness) or the numeric code (1).</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        foreach (var (v, label) in For<T>())
            if (label == text) { value = v; return true; }
        return Enum.TryParse(text, true, out value) && Enum.IsDefined(value);
    }

    public static string YesNo(bool? b) => b switch { true => "是", false => "否", null => "未填" };
}

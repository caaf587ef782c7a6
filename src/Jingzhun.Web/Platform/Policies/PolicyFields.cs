using System.Globalization;
using System.Reflection;

namespace Jingzhun.Web.Platform.Policies;

/// <summary>A field of a policy table: its name, its key in the JSON and in errors, what the page shows and its range.</summary>
public sealed record PolicyField(string Name, string Key, string Label, string? Unit, string? Hint, Type Type, decimal? Min, decimal? Max, string? Message)
{
    public bool IsNumber => Type == typeof(int) || Type == typeof(decimal);
    /// <summary>A yes/no field (是/否 on the page, true/false in the API).</summary>
    public bool IsYesNo => Type == typeof(bool);
    public string Heading => Unit is null ? Label : $"{Label}（{Unit}）";
    public string? Range => Min is { } min && Max is { } max ? $"{Format(min)}至{Format(max)}{Unit}" : null;
    public string RangeMessage => Message ?? $"{Label}应在{Range}之间";

    /// <summary>Whether a value lies in the range, compared unrounded.</summary>
    public bool InRange(object? value) => Min is not { } min || Max is not { } max || (value is int or decimal && Convert.ToDecimal(value) is var d && d >= min && d <= max);

    internal static string Format(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>
/// The values of a policy table (a positional record whose properties carry <see cref="PolicyFieldAttribute"/>) and
/// the row entity that stores them under the same property names: copied both ways, read from a form, shown as text.
/// </summary>
public static class PolicyFields<TValues>
{
    private static readonly ConstructorInfo Constructor = typeof(TValues).GetConstructors().Single(c => c.GetParameters().Length > 0);
    private static readonly PropertyInfo[] Properties =
        Constructor.GetParameters().Select(p => typeof(TValues).GetProperty(p.Name!)!).ToArray();

    public static readonly IReadOnlyList<PolicyField> All = Properties.Select(p =>
        p.GetCustomAttribute<PolicyFieldAttribute>() is { } a
            ? new PolicyField(p.Name, Problems.Failure.Prefixed("", p.Name), a.Label, a.Unit, a.Hint, p.PropertyType,
                (decimal?)a.Min, (decimal?)a.Max, a.Message)
            : throw new InvalidOperationException($"{typeof(TValues).Name}.{p.Name} declares no [PolicyField] label")).ToList();

    /// <summary>The fields whose value lies outside their declared range, with the message of each.</summary>
    public static Dictionary<string, string[]> OutOfRange(TValues values)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < Properties.Length; i++)
            if (!All[i].InRange(Properties[i].GetValue(values))) errors[All[i].Key] = [All[i].RangeMessage];
        return errors;
    }

    /// <summary>The values stored in a row (the row has a property of the same name and type for each field).</summary>
    public static TValues Of(object row) => (TValues)Constructor.Invoke(Properties.Select(p => RowProperty(row, p).GetValue(row)).ToArray());

    public static void CopyTo(TValues values, object row)
    {
        foreach (var p in Properties) RowProperty(row, p).SetValue(row, p.GetValue(values));
    }

    private static PropertyInfo RowProperty(object row, PropertyInfo field) =>
        row.GetType().GetProperty(field.Name) is { } r && r.PropertyType == field.PropertyType ? r
            : throw new InvalidOperationException($"{row.GetType().Name} has no property {field.Name} of type {field.PropertyType.Name}");

    /// <summary>The field values as the page shows and edits them (invariant digits, no trailing zeros).</summary>
    public static Dictionary<string, string> Text(TValues values) =>
        Properties.ToDictionary(p => p.Name, p => Format(p.GetValue(values)));

    public const string Yes = "是";
    public const string No = "否";

    public static string Format(object? value) => value switch
    {
        decimal d => PolicyField.Format(d),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? Yes : No,
        _ => value?.ToString() ?? "",
    };

    /// <summary>Reads a form (field name → typed text): the values, or an error per field that is empty or not a number.</summary>
    public static (TValues? Values, Dictionary<string, string[]> Errors) Parse(IReadOnlyDictionary<string, string?> form)
    {
        var errors = new Dictionary<string, string[]>();
        var args = new object?[Properties.Length];
        for (var i = 0; i < Properties.Length; i++)
        {
            var (p, f) = (Properties[i], All[i]);
            var text = form.TryGetValue(p.Name, out var t) ? t?.Trim() : null;
            if (string.IsNullOrEmpty(text)) { errors[f.Key] = [$"请填写{f.Label}"]; continue; }
            args[i] = p.PropertyType switch
            {
                var x when x == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null,
                var x when x == typeof(decimal) => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
                var x when x == typeof(bool) => text switch { Yes or "true" => true, No or "false" => false, _ => null },
                _ => text,
            };
            if (args[i] is null) errors[f.Key] = [$"“{text}”格式不正确，请重新填写"];
        }
        return errors.Count > 0 ? (default, errors) : ((TValues)Constructor.Invoke(args), errors);
    }
}

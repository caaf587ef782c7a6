using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using FluentValidation;

namespace Jingzhun.Web.Platform.Problems;

/// <summary>
/// The longest text a request field accepts, with the field's Chinese name: <c>[Text(200, "详细地址")]</c>. One
/// declaration serves three readers: the OpenAPI document (maxLength, so clients see it), the use cases
/// (<see cref="TextLimits.Check"/> refuses longer text with "详细地址不能超过200个字", named by field) and MVC's
/// validation of a page form bound to the same type (the same message next to the field).
/// On a positional record, write <c>[property: Text(...)]</c>. Where the text is stored in a column, name it (entity,
/// property): TextLimitTests check that the limit equals the column's HasMaxLength.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TextAttribute : MaxLengthAttribute
{
    public TextAttribute(int length, string label) : base(length)
    {
        Label = label;
        ErrorMessage = TextLimits.Message(label, length);
    }

    /// <param name="entity">The entity whose column stores the text.</param>
    /// <param name="column">That entity's property (its HasMaxLength must equal <paramref name="length"/>).</param>
    public TextAttribute(int length, string label, Type entity, string column) : this(length, label)
    {
        Entity = entity;
        Column = column;
    }

    public string Label { get; }
    public Type? Entity { get; }
    public string? Column { get; }
}

/// <summary>Checks a request's texts against their <see cref="TextAttribute"/> limits, nested records and lists included.</summary>
public static class TextLimits
{
    public static string Message(string label, int length) => $"{label}不能超过{length}个字";

    /// <summary>
    /// Null when every text is within its limit; else an invalid failure naming each field that is too long
    /// ("household.address", "items[2].subject"), before any other check of the use case.
    /// </summary>
    public static Failure? Check(object? request)
    {
        var errors = new Dictionary<string, string[]>();
        Walk(request, "", errors, 0);
        return errors.Count == 0 ? null : new Failure(FailureKind.Invalid, errors.First().Value[0], errors);
    }

    private static void Walk(object? value, string path, Dictionary<string, string[]> errors, int depth)
    {
        if (value is null or string || depth > 5) return;
        var type = value.GetType();
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
                if (i < 1000) Walk(item, $"{path}[{i++}]", errors, depth + 1);
            return;
        }
        if (type.Assembly != typeof(TextLimits).Assembly || type.IsEnum || type.IsPrimitive) return;
        foreach (var (property, limit) in Properties(type))
        {
            var inner = property.GetValue(value);
            var innerPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (inner is string s && limit is not null && s.Length > limit.Length)
                errors[Failure.Prefixed("", innerPath)] = [limit.ErrorMessage!];
            else if (inner is not string) Walk(inner, innerPath, errors, depth + 1);
        }
    }

    private static readonly ConcurrentDictionary<Type, (PropertyInfo, TextAttribute?)[]> Cache = new();

    /// <summary>The readable properties of a type with their limit (on a positional record: <c>[property: Text(...)]</c>).</summary>
    public static (PropertyInfo Property, TextAttribute? Limit)[] Properties(Type type) => Cache.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => (p, p.GetCustomAttribute<TextAttribute>()))
            .ToArray());

    /// <summary>The limit of one property; null when it declares none.</summary>
    public static TextAttribute? Of(Type type, string property) =>
        Properties(type).FirstOrDefault(p => p.Property.Name == property).Limit;
}

/// <summary>
/// The <see cref="TextAttribute"/> limits of <typeparamref name="T"/> as FluentValidation rules, for a validator that
/// also checks rows outside a request (imports): <c>Include(new TextLimitRules&lt;HouseholdFacts&gt;())</c>.
/// </summary>
public sealed class TextLimitRules<T> : AbstractValidator<T>
{
    public TextLimitRules()
    {
        foreach (var (property, limit) in TextLimits.Properties(typeof(T)))
        {
            if (limit is null || property.PropertyType != typeof(string)) continue;
            RuleFor(x => (string?)property.GetValue(x)).MaximumLength(limit.Length).WithMessage(limit.ErrorMessage)
                .OverridePropertyName(property.Name);
        }
    }
}

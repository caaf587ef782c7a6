using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Jingzhun.Web.Platform.Forms;

/// <summary>
/// Every page's posted values that could not be read, before its handler runs: "abc" in a number field, "2024-13-45"
/// in a date, an unknown option of a list, "x" for a check box. Each gets a Chinese message next to its field that
/// quotes what was typed (shortened), so that the page can show the form again with the other input kept. An empty
/// value of a field that needs one is not a reading error: it is left to the use case, which names the field and knows
/// whether it is required. A check box's unreadable value is dropped from what the form shows (the check box tag helper
/// would otherwise fail on it). Text fields cannot fail to be read: their errors (a <c>[Text]</c> limit) stay as they are.
/// </summary>
public sealed class BindingErrorsFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Convert(context);
        if (!context.ModelState.IsValid) await ValidateTheRestAsync(context);
        await next();
    }

    /// <summary>
    /// One pass: the page is shown again for the values that could not be read, so every bound model that has a
    /// validator is checked now too, and its errors go next to the other fields (a field that could not be read keeps
    /// its own message). The use case checks again when the form comes back.
    /// </summary>
    private static async Task ValidateTheRestAsync(PageHandlerExecutingContext context)
    {
        var state = context.ModelState;
        foreach (var property in context.ActionDescriptor.BoundProperties)
        {
            if (property is not Microsoft.AspNetCore.Mvc.Infrastructure.IPropertyInfoParameterDescriptor { PropertyInfo: var info }) continue;
            if (info.GetValue(context.HandlerInstance) is not { } model || model is string || model.GetType().IsValueType) continue;
            var type = typeof(FluentValidation.IValidator<>).MakeGenericType(model.GetType());
            if (context.HttpContext.RequestServices.GetService(type) is not FluentValidation.IValidator validator) continue;
            var result = await validator.ValidateAsync(new FluentValidation.ValidationContext<object>(model), context.HttpContext.RequestAborted);
            foreach (var error in result.Errors)
            {
                var key = (property.BindingInfo?.BinderModelName ?? property.Name) + "." + error.PropertyName;
                if (state.TryGetValue(key, out var entry) && entry.Errors.Count > 0) continue;
                state.AddModelError(key, error.ErrorMessage);
            }
        }
    }

    private static void Convert(PageHandlerExecutingContext context)
    {
        var state = context.ModelState;
        if (state.ErrorCount > 0)
            foreach (var (key, entry) in state.ToList())
            {
                if (entry is null || entry.Errors.Count == 0) continue;
                if (string.IsNullOrWhiteSpace(entry.AttemptedValue))
                {
                    // Nothing typed (MVC's implicit "required" of a non-nullable field, in English): the use case says it in Chinese.
                    entry.Errors.Clear();
                    entry.ValidationState = ModelValidationState.Valid;
                    continue;
                }
                var type = TypeOf(context, key);
                if (type == typeof(string)) continue;
                entry.Errors.Clear();
                state.AddModelError(key, FormErrors.Unreadable(entry.AttemptedValue, type));
                if (type == typeof(bool)) entry.RawValue = null;
            }
    }

    /// <summary>The type a posted key binds to ("Household.IsDibao", "Items[2].Resolved", a handler parameter), unwrapped from Nullable and lists.</summary>
    private static Type? TypeOf(PageHandlerExecutingContext context, string key)
    {
        var segments = key.Split('.');
        var root = segments[0].Split('[')[0];
        bool Named(string name, BindingInfo? info) =>
            string.Equals(info?.BinderModelName ?? name, root, StringComparison.OrdinalIgnoreCase);
        var type = Inner(context.ActionDescriptor.BoundProperties.FirstOrDefault(p => Named(p.Name, p.BindingInfo))?.ParameterType
            ?? context.HandlerMethod?.Parameters.FirstOrDefault(p => Named(p.Name, p.BindingInfo))?.ParameterType);
        foreach (var segment in segments.Skip(1))
            type = Inner(type?.GetProperty(segment.Split('[')[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType);
        return type;
    }

    /// <summary>What one value binds to: T for T?, and for a list (check boxes, repeated rows) its element.</summary>
    private static Type? Inner(Type? type)
    {
        if (type is null || type == typeof(string)) return type;
        if (typeof(IEnumerable).IsAssignableFrom(type))
            type = type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments()[^1] : null;
        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }
}

using Jingzhun.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Jingzhun.Web.Platform.Forms;

/// <summary>Select options of the forms: code-table enums by their Chinese labels.</summary>
public static class Options
{
    public static List<SelectListItem> Of<T>(string? empty = null, Func<T, bool>? where = null) where T : struct, Enum
    {
        var list = new List<SelectListItem>();
        if (empty is not null) list.Add(new SelectListItem(empty, ""));
        list.AddRange(Labels.For<T>().Where(o => where?.Invoke(o.Value) ?? true).Select(o => new SelectListItem(o.Label, o.Value.ToString())));
        return list;
    }

    /// <summary>是 / 否 / 未填 for facts that may be unknown.</summary>
    public static List<SelectListItem> YesNo() => [new("未填", ""), new("是", "true"), new("否", "false")];
}

using Jingzhun.Web.Platform.Forms;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Jingzhun.Web.Modules.Registry.Forms;

/// <summary>Select options of the registry forms that come from the registry's own code tables.</summary>
public static class RegistryOptions
{
    public static List<SelectListItem> Ethnicity() =>
        Ethnicities.All.Select(e => new SelectListItem(e.Name, e.Code)).ToList();

    /// <summary>The twelve registry causes (the risk types 13–15 belong to monitoring).</summary>
    public static List<SelectListItem> Causes() => Options.Of<PovertyCause>("（无）", c => c <= PovertyCause.Other);

    public static List<SelectListItem> DisabilityGrades() =>
        [new("（无）", ""), new("一级", "1"), new("二级", "2"), new("三级", "3"), new("四级", "4")];
}

namespace Jingzhun.Web.Modules.Regions.BrowseRegions;

/// <summary>
/// The region picker partial (_RegionPicker.cshtml): a form field named <see cref="FieldName"/> holding a region code,
/// chosen by cascading selects from the user's own node down, or by searching a name.
/// </summary>
public sealed record RegionPickerModel(string FieldName, string? SelectedCode, bool VillageOnly = false, string Label = "地区");

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>The fields the 认定 and 修改 forms of a product share (rendered by _ProductFields.cshtml).</summary>
public interface IProductForm
{
    string? SupplierName { get; }
    SupplierKind? SupplierKind { get; }
    string? ProductName { get; }
    ProductCategory? Category { get; }
    string? CertificateNumber { get; }
    DateOnly? ValidFrom { get; }
    DateOnly? ValidTo { get; }
    bool OnPlatform832 { get; }
    List<long> HouseholdIds { get; }
    Dictionary<string, string[]> Errors { get; }
}

using Jingzhun.Web.Platform.Excel;

namespace Jingzhun.Web.Modules.Registry.Transfer;

/// <summary>Reads a registry file (CSV or XLSX) through <see cref="TableFileReader"/>, its columns found by their header.</summary>
public static class RegistryFileReader
{
    public static readonly string[] RequiredHeaders =
        [RegistryColumns.HouseholdNumber, RegistryColumns.VillageCode, RegistryColumns.Name, RegistryColumns.IdNumber, "与户主关系", "户类型"];

    private static readonly TableLayout Layout = new(RegistryColumns.Headers, RequiredHeaders);

    /// <inheritdoc cref="TableFileReader.Read"/>
    public static IEnumerable<RawRow> Read(Stream seekable, CancellationToken ct, XlsxLimits? limits = null, string? tempFolder = null) =>
        TableFileReader.Read(seekable, Layout, ct, limits, tempFolder);
}

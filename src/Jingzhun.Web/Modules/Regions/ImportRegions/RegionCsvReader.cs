using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Jingzhun.Web.Modules.Regions.Rules;

namespace Jingzhun.Web.Modules.Regions.ImportRegions;

/// <summary>
/// Reads the division files of shared/data/regions (china-division format: a header <c>code,name,...</c>, then
/// one row per node), plain or gzipped. The parent is derived from the code itself.
/// </summary>
public static class RegionCsvReader
{
    public static IEnumerable<Region> Read(Stream stream, string fileName)
    {
        Stream input = fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(stream, CompressionMode.Decompress)
            : stream;
        using var reader = new StreamReader(input, Encoding.UTF8);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = true });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not ["code", "name", ..])
            throw new InvalidDataException($"{fileName}：表头应以 code,name 开头");
        while (csv.Read())
        {
            var code = csv.GetField(0)?.Trim();
            var name = csv.GetField(1)?.Trim();
            if (!RegionCodes.IsValid(code) || string.IsNullOrEmpty(name))
                throw new InvalidDataException($"{fileName} 第 {csv.Parser.Row} 行：区划代码或名称无效（{csv.Parser.RawRecord.Trim()}）");
            yield return new Region
            {
                Code = code!,
                Name = name,
                Level = RegionCodes.LevelOf(code!),
                ParentCode = RegionCodes.ParentOf(code!),
            };
        }
    }
}

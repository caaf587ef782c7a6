using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry;

/// <summary>户编号 = 12-digit village code + 4-digit sequence within the village, unique over the registry.</summary>
public static class HouseholdNumbers
{
    public static string Format(string villageCode, int sequence) => $"{villageCode}{sequence:0000}";

    public static async Task<string> NextAsync(AppDbContext db, string villageCode, CancellationToken ct)
    {
        var last = await db.Households.AcrossScopes("numbering counts every household of the village, whoever registers")
            .Where(h => h.VillageCode == villageCode)
            .OrderByDescending(h => h.HouseholdNumber)
            .Select(h => h.HouseholdNumber)
            .FirstOrDefaultAsync(ct);
        var next = last is null ? 1 : int.Parse(last[12..], System.Globalization.CultureInfo.InvariantCulture) + 1;
        if (next > 9999) throw new InvalidOperationException($"村 {villageCode} 的户编号已用尽");
        return Format(villageCode, next);
    }
}

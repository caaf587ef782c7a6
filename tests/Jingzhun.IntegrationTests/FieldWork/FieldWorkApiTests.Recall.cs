using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Jingzhun.IntegrationTests;

/// <summary>调整召回 and rotation: a cadre who leaves leaves their households 未结对 in every list, count and the field app.</summary>
public abstract partial class FieldWorkApiTests
{
    /// <summary>The second-to-last village of 土桥镇 (the township user recalls), apart from the villages the other tests fill.</summary>
    private async Task<string> RecallVillageAsync() =>
        (await GetAsync(await As("admin"), $"/api/v1/regions/{Township}/children")).AsArray().Select(x => x!["code"]!.GetValue<string>()).SkipLast(1).Last();

    private static async Task<List<long>> UnpairedIdsAsync(HttpClient c, string village) =>
        (await GetAsync(c, $"/api/v1/pairings/unpaired?region={village}&pageSize=500"))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();

    private static async Task<int> CadreHouseholdsAsync(HttpClient c, long cadreId) => (await GetAsync(c, $"/api/v1/cadres/{cadreId}"))["households"]!.GetValue<int>();

    private static async Task<List<long>> DownloadedAsync(HttpClient cadre) =>
        (await GetAsync(cadre, "/api/v1/sync/households"))["households"]!.AsArray().Select(h => h!["id"]!.GetValue<long>()).ToList();

    [DbFact]
    public async Task A_recalled_cadres_households_are_unpaired_everywhere_until_a_new_cadre_is_paired()
    {
        var village = await RecallVillageAsync();
        var admin = await As("admin");
        var tuqiao = await As("tuqiao");
        var cadre = await NewCadreAsync(village);
        var h1 = await RegisterAsync(admin, village);
        var h2 = await RegisterAsync(admin, village);
        await PairAsync(cadre.CadreId, ChinaToday.AddDays(-30), h1.Id, h2.Id);
        Assert.DoesNotContain(h1.Id, await UnpairedIdsAsync(tuqiao, village));
        Assert.Equal(2, await CadreHouseholdsAsync(tuqiao, cadre.CadreId));
        Assert.Equal([h1.Id, h2.Id], (await DownloadedAsync(cadre.Client)).Order());

        // The recall is an act with a reason: refused without one, with 其他 but no note, dated ahead, or on a stale version.
        var url = $"/api/v1/cadres/{cadre.CadreId}/recall";
        var version = (await GetAsync(tuqiao, $"/api/v1/cadres/{cadre.CadreId}"))["version"]!.GetValue<int>();
        Assert.Contains("请选择召回原因", await FieldError(await tuqiao.PostAsJsonAsync(url, new { version }), "reason"));
        Assert.Contains("请填写说明", await FieldError(await tuqiao.PostAsJsonAsync(url, new { reason = "Other", version }), "note"));
        Assert.Contains("不能晚于今天", await FieldError(await tuqiao.PostAsJsonAsync(url, new { reason = "Conduct", date = Day(ChinaToday.AddDays(1)), version }), "date"));
        await Problem(await tuqiao.PostAsJsonAsync(url, new { reason = "Conduct", version = version - 1 }), HttpStatusCode.Conflict);
        Assert.Equal(2, await CadreHouseholdsAsync(tuqiao, cadre.CadreId));
        // Nobody outside field-work management recalls.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As("auditor")).PostAsJsonAsync(url, new { reason = "Conduct", version })).StatusCode);

        var cadreName = (await GetAsync(tuqiao, $"/api/v1/cadres/{cadre.CadreId}"))["name"]!.GetValue<string>();
        async Task<bool> OfferedAsync() => (await GetAsync(tuqiao, $"/api/v1/pickers/cadres?q={Uri.EscapeDataString(cadreName)}"))["items"]!.AsArray()
            .Any(i => i!["value"]!.GetValue<string>() == cadre.CadreId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(await OfferedAsync());
        var recalled = await Ok(await tuqiao.PostAsJsonAsync(url, new { reason = "Conduct", note = "多次未按要求入户走访", version }));
        // From the day of the recall the pairing form no longer offers the cadre.
        Assert.False(await OfferedAsync());
        Assert.Equal(2, recalled["households"]!.GetValue<int>());
        Assert.Equal($"{Day(ChinaToday)} 调整召回：作风不实，多次未按要求入户走访", recalled["cadre"]!["recall"]!.GetValue<string>());
        Assert.False(recalled["cadre"]!["active"]!.GetValue<bool>());
        await Problem(await tuqiao.PostAsJsonAsync(url, new { reason = "Ability", version = recalled["cadre"]!["version"]!.GetValue<int>() }), HttpStatusCode.Conflict);

        // 未结对 in the list, the count, the household's history, the field app and the cadre's own view.
        var unpaired = await UnpairedIdsAsync(tuqiao, village);
        Assert.Contains(h1.Id, unpaired);
        Assert.Contains(h2.Id, unpaired);
        Assert.Equal(0, await CadreHouseholdsAsync(tuqiao, cadre.CadreId));
        var history = (await GetAsync(tuqiao, $"/api/v1/households/{h1.Id}/pairings")).AsArray().Single()!;
        Assert.Equal(Day(ChinaToday), history["endedOn"]!.GetValue<string>());
        Assert.Empty(await DownloadedAsync(cadre.Client));
        Assert.Equal(0, (await GetAsync(cadre.Client, "/api/v1/households?pageSize=5"))["total"]!.GetValue<int>());
        // The recall is in the audit log, in Chinese, with its reason.
        var audit = await GetAsync(admin, "/api/v1/audit?pageSize=50&q=" + Uri.EscapeDataString("调整召回"));
        Assert.Contains(audit["items"]!.AsArray(), a => a!["summary"]!.GetValue<string>().Contains("调整召回") && a["summary"]!.GetValue<string>().Contains("作风不实")
            && a["entityId"]!.GetValue<string>() == cadre.CadreId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // A new cadre paired: paired again (the other household stays 未结对).
        var successor = await NewCadreAsync(village);
        await PairAsync(successor.CadreId, ChinaToday, h1.Id);
        unpaired = await UnpairedIdsAsync(tuqiao, village);
        Assert.DoesNotContain(h1.Id, unpaired);
        Assert.Contains(h2.Id, unpaired);
        Assert.Equal([h1.Id], await DownloadedAsync(successor.Client));
    }

    [DbFact]
    public async Task A_rotated_out_cadres_households_are_unpaired_after_the_last_day_of_service()
    {
        var village = await RecallVillageAsync();
        var admin = await As("admin");
        var cadre = await NewCadreAsync(village);
        var h = await RegisterAsync(admin, village);
        await PairAsync(cadre.CadreId, ChinaToday.AddDays(-60), h.Id);

        // Rotation set ten days ahead: still paired today, 未结对 from the eleventh day (nothing written on that day).
        async Task RotateAsync(DateOnly last)
        {
            var c = await GetAsync(admin, $"/api/v1/cadres/{cadre.CadreId}");
            await Ok(await admin.PutAsJsonAsync($"/api/v1/cadres/{cadre.CadreId}", new
            {
                name = c["name"]!.GetValue<string>(), unit = c["unit"]!.GetValue<string>(), regionCode = village, activeFrom = "2020-01-01",
                activeTo = Day(last), userName = cadre.UserName, version = c["version"]!.GetValue<int>(),
            }));
        }
        await RotateAsync(ChinaToday.AddDays(10));
        Assert.DoesNotContain(h.Id, await UnpairedIdsAsync(admin, village));
        Assert.Equal([h.Id], await DownloadedAsync(cadre.Client));
        await using (var later = Later(11))
        {
            var c = later.CreateClient();
            var token = await Ok(await c.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = Jingzhun.Web.Modules.Registry.DemoData.DemoSeeder.DemoPassword }));
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
            Assert.Contains(h.Id, await UnpairedIdsAsync(c, village));
            Assert.Equal(0, await CadreHouseholdsAsync(c, cadre.CadreId));
            Assert.Equal(Day(ChinaToday.AddDays(10)), (await GetAsync(c, $"/api/v1/households/{h.Id}/pairings")).AsArray().Single()!["endedOn"]!.GetValue<string>());
        }

        // Rotated out yesterday: 未结对 today.
        await RotateAsync(ChinaToday.AddDays(-1));
        Assert.Contains(h.Id, await UnpairedIdsAsync(admin, village));
        Assert.Empty(await DownloadedAsync(cadre.Client));
    }
}

using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.DemoData;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Sampling.DemoData;

/// <summary>
/// Demo: a finished 回头看 of 铜梁区 — 脱贫户和监测户 stratified by township, e = 8%, seed fixed — with every sampled household's
/// questionnaire (a few 无法联系 replaced by reserves, one wrongly exited household, satisfaction mostly 4–5). Deterministic.
/// </summary>
internal sealed class SamplingDemoSeed(AppDbContext db, TimeProvider clock) : IStartupSeed
{
    private const string Actor = "演示数据";
    public int Order => 480;
    public bool DemoOnly => true;

    public async Task<string?> SeedAsync(CancellationToken ct)
    {
        const string county = DemoSeeder.County;
        if (await db.SamplingCampaigns.AnyAsync(ct)) return null;
        var statuses = ManageSamplingHandler.StatusesOf(SamplingFrame.ExitedAndMonitored);
        var frame = await db.Households.AsNoTracking().Where(h => h.CountyCode == county && statuses.Contains(h.Status))
            .Select(h => new { h.Id, h.VillageCode, h.Status }).ToListAsync(ct);
        if (frame.Count == 0) return null;
        db.SuppressAudit = true;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var size = Rules.SamplingRules.Size(frame.Count, 0.08m);
        var c = SamplingCampaign.Create(county, $"{today.Year}年铜梁区脱贫户和监测户回头看", today.Year, SamplingPurpose.ExitTruth, SamplingFrame.ExitedAndMonitored,
            SamplingDesign.ByTownship, 0.08m, 0.5m, 0m, 1, DemoSeeder.Seed + 16, frame.Count, size.Sample, now, Actor);
        db.SamplingCampaigns.Add(c);
        await db.SaveChangesAsync(ct);
        var drawing = ManageSamplingHandler.Drawing(c, [.. frame.Select(h => (h.Id, h.VillageCode, h.Status))], now, Actor);
        await db.SaveChangesAsync(ct);
        var sample = drawing.Select(d => d(c.Id)).ToList();
        db.SampledHouseholds.AddRange(sample);
        await db.SaveChangesAsync(ct);
        var rng = new Random(DemoSeeder.Seed + 17);
        var visitedOn = today.AddDays(-3);
        var wrong = false;
        foreach (var s in sample.Where(s => s.Status == SampleStatus.Pending).OrderBy(s => s.Stratum, StringComparer.Ordinal).ThenBy(s => s.DrawOrder).ToList())
        {
            if (rng.Next(40) == 0)
            {
                var reserve = sample.Where(r => r.Stratum == s.Stratum && r.Status == SampleStatus.Reserve).OrderBy(r => r.DrawOrder).FirstOrDefault();
                if (reserve is not null)
                {
                    s.NotReached(SampleStatus.Unreachable, "外出务工，电话无法接通", reserve, now, Actor);
                    Answer(reserve);
                    continue;
                }
            }
            Answer(s);
        }
        await db.SaveChangesAsync(ct);
        db.SuppressAudit = false;
        return $"演示数据：回头看抽样核查 1 次（抽样框 {c.FrameSize} 户，样本 {c.SampleSize} 户）";

        void Answer(SampledHousehold s)
        {
            var shouldRemain = !wrong && s.HouseholdStatus == HouseholdStatus.Exited && rng.Next(30) == 0;
            wrong |= shouldRemain;
            var score = rng.Next(100) switch { < 3 => 2, < 8 => 3, < 50 => 4, _ => 5 };
            s.Record(new SurveyAnswers(Math.Round(9000m + rng.Next(12000), 0), Secured.Yes, Secured.Yes, Secured.Yes, Secured.Yes, Secured.Yes,
                rng.Next(10) > 0, null, score, shouldRemain, visitedOn, "回头看核查组", shouldRemain ? "家庭主要劳动力患病，收入不稳定" : null), now, Actor);
        }
    }
}

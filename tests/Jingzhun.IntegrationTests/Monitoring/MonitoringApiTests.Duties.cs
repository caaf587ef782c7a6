namespace Jingzhun.IntegrationTests;

/// <summary>职责分离 in the identification procedure: who proposes a case does not approve it at the next level.</summary>
public abstract partial class MonitoringApiTests
{
    [DbFact]
    public async Task The_person_who_proposed_a_case_does_not_approve_it_at_the_next_level()
    {
        var places = await PlacesAsync();
        var county = await As("tl_admin");
        var tuqiao = await As("tuqiao");
        var (_, caseId) = await CaseForAsync(county, places.HomeVillage);

        // The township officer holds both duties: records the village steps (评议, 公示) …
        var view = await CaseAsync(tuqiao, caseId);
        view = await DoAsync(tuqiao, caseId, "Visit", VersionOf(view), VisitFields);
        view = await DoAsync(tuqiao, caseId, "Comparison", VersionOf(view), ComparisonFields);
        view = await DoAsync(tuqiao, caseId, "Appraisal", VersionOf(view), AppraisalFields());
        view = await DoAsync(tuqiao, caseId, "Publicity", VersionOf(view), PublicityFields(ChinaToday));
        Assert.Equal("TownshipReview", StageOf(view));

        // … so the 乡镇审核 is not offered to them and is refused through the API.
        Assert.Empty(view["nextSteps"]!.AsArray());
        var refused = await Problem(await StepAsync(tuqiao, caseId, "TownshipReview", VersionOf(view), Agree("opinion", "同意")), HttpStatusCode.Forbidden);
        Assert.Contains("提出与审核须由不同的人办理", refused["title"]!.GetValue<string>());

        // The county administrator reviews it, and then may not decide it: the system administrator does.
        Assert.Equal(["TownshipReview"], (await CaseAsync(county, caseId))["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        view = await DoAsync(county, caseId, "TownshipReview", VersionOf(view), Agree("opinion", "经审核符合纳入条件"));
        Assert.Empty(view["nextSteps"]!.AsArray());
        await Problem(await StepAsync(county, caseId, "CountyDecision", VersionOf(view), b => b["agreed"] = true), HttpStatusCode.Forbidden);
        view = await DoAsync(await As("admin"), caseId, "CountyDecision", VersionOf(view), b => b["agreed"] = true);
        Assert.Equal("Monitoring", StageOf(view));
        Assert.Equal(["tuqiao", "tl_admin", "admin"], view["steps"]!.AsArray().Skip(3).Select(s => Str(s, "by")));
    }
}

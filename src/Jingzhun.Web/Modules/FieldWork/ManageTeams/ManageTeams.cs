using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.ManageTeams;

/// <summary>A team as the form and the API send it; an update sends back the <see cref="Version"/> it read (a new team ignores it).</summary>
public sealed record TeamInput([property: Text(12, "所在村", typeof(WorkTeam), nameof(WorkTeam.VillageCode))] string VillageCode,
    [property: Text(100, "工作队名称", typeof(WorkTeam), nameof(WorkTeam.Name))] string Name, long FirstSecretaryId, IReadOnlyList<long>? MemberIds,
    DateOnly StartedOn, DateOnly? EndedOn, int Version = 0);

/// <summary>轮换: the team in post ends the day before its successor starts; the successor takes over the village.</summary>
public sealed record TeamRotation([property: Text(100, "新工作队名称", typeof(WorkTeam), nameof(WorkTeam.Name))] string Name, long FirstSecretaryId,
    IReadOnlyList<long>? MemberIds, DateOnly StartedOn, int Version);

public sealed record TeamQuery(string? Region, bool? InPost, int? Page, int? PageSize);

public sealed record TeamMemberView(long CadreId, string Name, string Unit);

public sealed record TeamRow(long Id, string VillageCode, string RegionPath, string Name, TeamMemberView FirstSecretary, IReadOnlyList<TeamMemberView> Members,
    DateOnly StartedOn, DateOnly? EndedOn, int Version);

/// <summary>驻村工作队: one team per village at a time, led by its 第一书记 (a cadre), with member cadres.</summary>
public sealed class ManageTeamsHandler(AppDbContext db, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<IReadOnlyList<TeamRow>>> ListAsync(string? region, CancellationToken ct)
    {
        var query = db.WorkTeams.AsNoTracking().Include(t => t.Members).AsQueryable();
        var asked = regions.Filter(region);
        if (!asked.Succeeded) return asked.Failure!;
        if (asked.Value is { } code) query = query.InRegion(code);
        var teams = await query.OrderBy(t => t.VillageCode).ThenByDescending(t => t.StartedOn).Take(1000).ToListAsync(ct);
        var ids = teams.SelectMany(t => t.Members.Select(m => m.CadreId).Append(t.FirstSecretaryId)).Distinct().ToList();
        var cadres = (await CadreNames.LookupAsync(db, ids, ct)).ToDictionary(c => c.Key, c => new TeamMemberView(c.Key, c.Value.Name, c.Value.Unit));
        return teams.Select(t => Row(t, cadres)).ToList();
    }

    /// <summary>One page of the teams, village by village (the page's list; a county has hundreds of teams).</summary>
    public async Task<Outcome<PageResult<TeamRow>>> PageAsync(TeamQuery q, CancellationToken ct)
    {
        var query = db.WorkTeams.AsNoTracking().Include(t => t.Members).AsQueryable();
        var asked = regions.Filter(q.Region);
        if (!asked.Succeeded) return asked.Failure!;
        if (asked.Value is { } code) query = query.InRegion(code);
        if (q.InPost == true) query = query.Where(t => t.EndedOn == null);
        var page = await query.OrderBy(t => t.VillageCode).ThenByDescending(t => t.StartedOn).ThenBy(t => t.Id).PageAsync(Paging.Of(q.Page, q.PageSize, 30, 200), ct);
        var cadres = await NamesAsync(page.Items, ct);
        return page.Select(t => Row(t, cadres));
    }

    public async Task<Outcome<TeamRow>> GetAsync(long id, CancellationToken ct)
    {
        var t = await db.WorkTeams.AsNoTracking().Include(x => x.Members).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return Failure.NotFound("该工作队");
        return Row(t, await NamesAsync([t], ct));
    }

    private async Task<Dictionary<long, TeamMemberView>> NamesAsync(IEnumerable<WorkTeam> teams, CancellationToken ct)
    {
        var ids = teams.SelectMany(t => t.Members.Select(m => m.CadreId).Append(t.FirstSecretaryId)).Distinct().ToList();
        return (await CadreNames.LookupAsync(db, ids, ct)).ToDictionary(c => c.Key, c => new TeamMemberView(c.Key, c.Value.Name, c.Value.Unit));
    }

    /// <summary>
    /// 轮换: ends the team in post the day before <see cref="TeamRotation.StartedOn"/> and starts its successor in the same
    /// village, in one save (both or neither).
    /// </summary>
    public async Task<Outcome<TeamRow>> RotateAsync(long id, TeamRotation input, CancellationToken ct)
    {
        if (TextLimits.Check(input) is { } tooLong) return tooLong;
        var old = await db.WorkTeams.Include(x => x.Members).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (old is null) return Failure.NotFound("该工作队");
        if (Versions.Check(old, input.Version, $"驻村工作队 {old.Name}") is { } stale) return stale;
        if (old.EndedOn is not null) return Failure.Invalid("startedOn", "该工作队已结束驻村，无需轮换：请直接新建工作队");
        if (input.StartedOn <= old.StartedOn) return Failure.Invalid("startedOn", $"新工作队的开始日期须晚于原工作队的开始日期（{old.StartedOn:yyyy-MM-dd}）");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var end = await SaveAsync(old.Id, new TeamInput(old.VillageCode, old.Name, old.FirstSecretaryId, old.Members.Select(m => m.CadreId).ToList(),
            old.StartedOn, input.StartedOn.AddDays(-1), old.Version), ct);
        if (!end.Succeeded) return end.Failure!;
        var next = await SaveAsync(null, new TeamInput(old.VillageCode, input.Name, input.FirstSecretaryId, input.MemberIds, input.StartedOn, null), ct);
        if (!next.Succeeded) return next.Failure!;
        await tx.CommitAsync(ct);
        return next;
    }

    public async Task<Outcome<TeamRow>> SaveAsync(long? id, TeamInput input, CancellationToken ct)
    {
        if (TextLimits.Check(input) is { } tooLong) return tooLong;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors["name"] = ["请填写工作队名称"];
        if (input.EndedOn is { } end && end < input.StartedOn) errors["endedOn"] = ["结束日期不能早于开始日期"];
        var village = input.VillageCode?.Trim() ?? "";
        if (village.Length != 12 || regions.Find(village) is null || !user.CanSee(village)) errors["villageCode"] = ["请选择本辖区的村（社区）"];
        var memberIds = (input.MemberIds ?? []).Append(input.FirstSecretaryId).Distinct().ToList();
        var found = await db.Cadres.AsNoTracking().Where(c => memberIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        if (!found.Contains(input.FirstSecretaryId)) errors["firstSecretaryId"] = ["请选择第一书记（须为本辖区登记的帮扶干部）"];
        else if (found.Count != memberIds.Count) errors["memberIds"] = ["部分队员不存在或不在您的管辖范围内"];
        if (errors.Count > 0) return new Failure(FailureKind.Invalid, "提交的数据有误，请按提示修改", errors);
        var now = clock.GetUtcNow().UtcDateTime;
        WorkTeam team;
        var what = "";
        if (id is { } existing)
        {
            var t = await db.WorkTeams.Include(x => x.Members).FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (t is null) return Failure.NotFound("该工作队");
            what = $"驻村工作队 {t.Name}";
            if (Versions.Check(t, input.Version, what) is { } stale) return stale;
            if (t.VillageCode != village) return Failure.Invalid("villageCode", "工作队所在村不能修改，请新建工作队");
            t.Set(input.Name, input.FirstSecretaryId, input.StartedOn, input.EndedOn, memberIds, now, user.UserName);
            team = t;
        }
        else
        {
            team = WorkTeam.Create(village, input.Name, input.FirstSecretaryId, input.StartedOn, input.EndedOn, memberIds, now, user.UserName);
            db.WorkTeams.Add(team);
        }
        if (team.EndedOn is null && await db.WorkTeams.AnyAsync(x => x.VillageCode == village && x.EndedOn == null && x.Id != team.Id, ct))
            return Failure.Invalid("villageCode", "该村已有在驻的工作队：请先填写原工作队的结束日期");
        if (await db.SaveEditAsync(what, c => db.WorkTeams.AsNoTracking().FirstOrDefaultAsync(x => x.Id == team.Id, c), ct) is { } conflict)
            return conflict;
        var cadres = (await CadreNames.LookupAsync(db, memberIds, ct)).ToDictionary(c => c.Key, c => new TeamMemberView(c.Key, c.Value.Name, c.Value.Unit));
        return Row(team, cadres);
    }

    private TeamRow Row(WorkTeam t, Dictionary<long, TeamMemberView> cadres) =>
        new(t.Id, t.VillageCode, regions.ShortPath(t.VillageCode), t.Name, cadres[t.FirstSecretaryId],
            t.Members.Where(m => m.CadreId != t.FirstSecretaryId).Select(m => cadres[m.CadreId]).ToList(), t.StartedOn, t.EndedOn, t.Version);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/work-teams").WithTags("驻村帮扶");
        g.MapGet("", async (string? region, ManageTeamsHandler h, CancellationToken ct) => (await h.ListAsync(region, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView).WithName("ListWorkTeams").WithSummary("驻村工作队");
        g.MapPost("", async (TeamInput input, ManageTeamsHandler h, CancellationToken ct) =>
                (await h.SaveAsync(null, input, ct)).ToHttp(t => TypedResults.Created($"/api/v1/work-teams/{t.Id}", t)))
            .RequireAuthorization(Permissions.FieldWorkManage).WithName("CreateWorkTeam").WithSummary("新建驻村工作队");
        g.MapGet("/{id:long}", async (long id, ManageTeamsHandler h, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.RegistryView).WithName("GetWorkTeam").WithSummary("驻村工作队");
        g.MapPost("/{id:long}/rotate", async (long id, TeamRotation input, ManageTeamsHandler h, CancellationToken ct) =>
                (await h.RotateAsync(id, input, ct)).ToHttp(t => TypedResults.Created($"/api/v1/work-teams/{t.Id}", t)))
            .RequireAuthorization(Permissions.FieldWorkManage).WithName("RotateWorkTeam").WithSummary("轮换驻村工作队（原工作队结束，新工作队接任）");
        g.MapPut("/{id:long}", async (long id, TeamInput input, ManageTeamsHandler h, CancellationToken ct) =>
                (await h.SaveAsync(id, input, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FieldWorkManage).WithName("UpdateWorkTeam").WithSummary("修改驻村工作队");
    }
}

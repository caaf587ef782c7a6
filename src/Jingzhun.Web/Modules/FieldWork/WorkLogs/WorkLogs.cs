using Jingzhun.Web.Modules.Registry;
using FluentValidation;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.WorkLogs;

/// <summary>
/// A work log: by the signed-in cadre (CadreId left empty) or, for staff, a cadre or work team of their region.
/// Photos are uploaded first (POST /api/v1/files) and referenced by id. There is no project module yet: the project
/// is a free-text name.
/// </summary>
public sealed record WriteWorkLogRequest(DateOnly? Date,
    [property: Text(4000, "工作内容", typeof(WorkLog), nameof(WorkLog.Text))] string? Text,
    [property: Text(100, "项目名称", typeof(WorkLog), nameof(WorkLog.ProjectName))] string? ProjectName, long? CadreId, long? WorkTeamId,
    IReadOnlyList<long>? HouseholdIds, IReadOnlyList<string>? PhotoIds);

public sealed class WriteWorkLogValidator : AbstractValidator<WriteWorkLogRequest>
{
    public WriteWorkLogValidator()
    {
        RuleFor(r => r.Date).NotNull().WithMessage("请填写日期")
            .Must(d => d is null || d.Value.Year >= 2015).WithMessage("日期不能早于2015年");
        RuleFor(r => r.Text).NotEmpty().WithMessage("请填写工作内容");
        RuleFor(r => r.HouseholdIds).Must(h => h is null || h.Count <= 50).WithName("关联农户").WithMessage("一条日志最多关联50户");
        RuleFor(r => r.PhotoIds).Must(p => p is null || p.Count <= 9).WithName("照片").WithMessage("一条日志最多9张照片");
    }
}

public sealed record WorkLogRow(long Id, DateOnly Date, string Author, string RegionName, string Text, string? ProjectName,
    IReadOnlyList<(long Id, string Number, string Head)> Households, IReadOnlyList<string> PhotoUrls, string CreatedBy);

public sealed record WorkLogList(string RegionCode, string RegionName, int Total, IReadOnlyList<WorkLogRow> Rows);

public sealed class WorkLogsHandler(AppDbContext db, IValidator<WriteWorkLogRequest> validator, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<long>> WriteAsync(WriteWorkLogRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var check = await validator.ValidateAsync(r, ct);
        if (!check.IsValid) return Failure.Invalid(check);
        var today = ChinaTime.Today(clock);
        if (r.Date > today) return Failure.Invalid("date", "日期不能晚于今天");
        string region;
        long? cadreId = null, teamId = null;
        if (r.WorkTeamId is { } tid)
        {
            var team = await db.WorkTeams.AsNoTracking().Where(t => t.Id == tid).Select(t => new { t.Id, t.VillageCode }).FirstOrDefaultAsync(ct);
            if (team is null) return Failure.NotFound("该驻村工作队");
            (teamId, region) = (team.Id, team.VillageCode);
        }
        else
        {
            var cadre = r.CadreId is { } cid
                ? await db.Cadres.AsNoTracking().Where(c => c.Id == cid).Select(c => new { c.Id, c.RegionCode }).FirstOrDefaultAsync(ct)
                : await db.Cadres.AsNoTracking().Where(c => c.UserId == user.Id && user.Id != null).Select(c => new { c.Id, c.RegionCode }).FirstOrDefaultAsync(ct);
            if (cadre is null) return r.CadreId is null ? Failure.Invalid("cadreId", "请选择帮扶干部或驻村工作队") : Failure.NotFound("该帮扶干部");
            (cadreId, region) = (cadre.Id, cadre.RegionCode);
        }
        if (!user.CanSee(region)) return Failure.NotFound("该帮扶干部");
        var householdIds = (r.HouseholdIds ?? []).Distinct().ToList();
        var found = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id)).Select(h => h.Id).ToListAsync(ct);
        if (found.Count != householdIds.Count) return Failure.Invalid("householdIds", "关联的农户不存在或不在您的管辖范围内");
        var photoIds = (r.PhotoIds ?? []).Distinct().ToList();
        var scope = user.RegionCode ?? "~";
        var photos = await db.Files.AsNoTracking().Where(f => photoIds.Contains(f.Id) && f.RegionCode.StartsWith(scope)).Select(f => new { f.Id, f.Sha256 }).ToListAsync(ct);
        if (photos.Count != photoIds.Count) return Failure.Invalid("photoIds", "照片不存在或不在您的管辖范围内，请重新上传");
        var log = WorkLog.Write(region, cadreId, teamId, r.Date!.Value, r.Text!, r.ProjectName, householdIds, photos.Select(p => (p.Id, p.Sha256)),
            clock.GetUtcNow().UtcDateTime, user.UserName);
        db.WorkLogs.Add(log);
        await db.SaveChangesAsync(ct);
        return log.Id;
    }

    public async Task<Outcome<WorkLogList>> ListAsync(string? region, long? cadreId, long? workTeamId, int page, CancellationToken ct)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        var q = db.WorkLogs.AsNoTracking().Where(l => l.RegionCode.StartsWith(code));
        if (cadreId is { } c) q = q.Where(l => l.CadreId == c);
        if (workTeamId is { } t) q = q.Where(l => l.WorkTeamId == t);
        var total = await q.CountAsync(ct);
        var logs = await q.OrderByDescending(l => l.Date).ThenByDescending(l => l.Id).Skip((Math.Max(page, 1) - 1) * 50).Take(50)
            .Include(l => l.Households).Include(l => l.Photos).ToListAsync(ct);
        var cadreIds = logs.Where(l => l.CadreId != null).Select(l => l.CadreId!.Value).Distinct().ToList();
        var teamIds = logs.Where(l => l.WorkTeamId != null).Select(l => l.WorkTeamId!.Value).Distinct().ToList();
        var hhIds = logs.SelectMany(l => l.Households.Select(h => h.HouseholdId)).Distinct().ToList();
        var cadres = await db.Cadres.AsNoTracking().Where(x => cadreIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var teams = await db.WorkTeams.AsNoTracking().Where(x => teamIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var hh = await db.Households.AsNoTracking().Where(h => hhIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => (h.HouseholdNumber, h.HeadName), ct);
        var rows = logs.Select(l => new WorkLogRow(l.Id, l.Date,
            l.CadreId is { } ci ? cadres.GetValueOrDefault(ci, $"干部{ci}") : l.WorkTeamId is { } ti ? teams.GetValueOrDefault(ti, $"工作队{ti}") : "",
            regions.NameOf(l.RegionCode), l.Text, l.ProjectName,
            l.Households.Where(h => hh.ContainsKey(h.HouseholdId)).Select(h => (h.HouseholdId, hh[h.HouseholdId].HouseholdNumber, hh[h.HouseholdId].HeadName)).ToList(),
            l.Photos.Select(p => $"/api/v1/files/{p.StoredFileId}").ToList(), l.CreatedBy)).ToList();
        return new WorkLogList(code, regions.NameOf(code), total, rows);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/fieldwork/logs", async (string? region, long? cadreId, long? workTeamId, int? page, WorkLogsHandler h, CancellationToken ct) =>
                (await h.ListAsync(region, cadreId, workTeamId, page ?? 1, ct)).ToHttp(v => TypedResults.Ok(new
                {
                    v.RegionCode, v.RegionName, v.Total,
                    Rows = v.Rows.Select(r => new
                    {
                        r.Id, r.Date, r.Author, r.RegionName, r.Text, r.ProjectName, r.PhotoUrls, r.CreatedBy,
                        Households = r.Households.Select(x => new { x.Id, HouseholdNumber = x.Number, HeadName = x.Head }),
                    }),
                })))
            .RequireAuthorization(Permissions.FieldWorkView)
            .WithName("ListWorkLogs").WithSummary("工作日志（按地区、帮扶干部或驻村工作队）").WithTags("走访");
        api.MapPost("/fieldwork/logs", async (WriteWorkLogRequest r, WorkLogsHandler h, CancellationToken ct) =>
                (await h.WriteAsync(r, ct)).ToHttp(id => TypedResults.Created($"/api/v1/fieldwork/logs?id={id}", new { id })))
            .RequireAuthorization(Permissions.FieldWorkLog)
            .WithName("WriteWorkLog").WithSummary("记工作日志（照片先上传到 /api/v1/files）").WithTags("走访");
    }
}

using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Registry;
using FluentValidation;
using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.ReviewMeetings;

/// <summary>One problem discussed: an open 两不愁三保障 problem or risk lead of the township (or a described one), the decision, who acts.</summary>
public sealed record ReviewItemInput(long? ProblemId, long? RiskLeadId,
    [property: Text(500, "问题描述", typeof(ReviewItem), nameof(ReviewItem.Subject))] string? Subject,
    [property: Text(1000, "研判意见", typeof(ReviewItem), nameof(ReviewItem.Decision))] string? Decision,
    [property: Text(100, "责任人（单位）", typeof(ReviewItem), nameof(ReviewItem.ActedBy))] string? ActedBy, bool Resolved);

public sealed record HoldMeetingRequest(
    [property: Text(12, "乡镇", typeof(ReviewMeeting), nameof(ReviewMeeting.TownshipCode))] string? TownshipCode, DateOnly? HeldOn,
    [property: Text(1000, "参会人员", typeof(ReviewMeeting), nameof(ReviewMeeting.Attendees))] string? Attendees,
    [property: Text(2000, "会议纪要", typeof(ReviewMeeting), nameof(ReviewMeeting.Summary))] string? Summary, IReadOnlyList<ReviewItemInput>? Items);

public sealed class HoldMeetingValidator : AbstractValidator<HoldMeetingRequest>
{
    public HoldMeetingValidator()
    {
        RuleFor(r => r.TownshipCode).NotEmpty().WithMessage("请选择召开会议的乡镇").Must(c => c is null || (c.Length == 9 && c.All(char.IsAsciiDigit)))
            .WithMessage("月研判会议由乡镇召开，请选择乡镇（9位区划代码）");
        RuleFor(r => r.HeldOn).NotNull().WithMessage("请填写会议日期").Must(d => d is null || d.Value.Year >= 2015).WithMessage("会议日期不能早于2015年");
        RuleFor(r => r.Attendees).NotEmpty().WithMessage("请填写参会人员");
        RuleFor(r => r.Items).NotEmpty().WithName("研判问题").WithMessage("请至少填写一个研判的问题")
            .Must(i => i is null || i.Count <= 50).WithMessage("一次会议最多记录50个问题");
        RuleForEach(r => r.Items).ChildRules(i =>
        {
            i.RuleFor(x => x).Must(x => x.ProblemId is not null || x.RiskLeadId is not null || !string.IsNullOrWhiteSpace(x.Subject))
                .WithName("问题").WithMessage("请选择关联的问题或风险线索，或填写问题描述");
            i.RuleFor(x => x.Decision).NotEmpty().WithMessage("请填写研判意见");
            i.RuleFor(x => x.ActedBy).NotEmpty().WithMessage("请填写责任人（单位）");
        });
    }
}

public sealed record MeetingRow(long Id, string TownshipName, DateOnly HeldOn, string Attendees, string? Summary,
    IReadOnlyList<MeetingItemRow> Items);

public sealed record MeetingItemRow(long Id, long? ProblemId, long? RiskLeadId, string Subject, string Decision, string ActedBy, bool Resolved);

public sealed record PeriodCount(string Period, int Meetings, int Problems, int Resolved);

/// <summary>Meetings of a region in a year, with the count per month and the year's total (the seed: "召开会议318次，分析研判解决问题390个").</summary>
public sealed record MeetingsView(string RegionCode, string RegionName, int Year, int Meetings, int Problems, int Resolved,
    IReadOnlyList<PeriodCount> ByMonth, IReadOnlyList<MeetingRow> Rows, int Page = 1, int PageSize = 20);

public sealed record OpenIssue(string Key, string Label);

public sealed class ReviewMeetingsHandler(AppDbContext db, IValidator<HoldMeetingRequest> validator, RegionDirectory regions, CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<long>> HoldAsync(HoldMeetingRequest r, CancellationToken ct)
    {
        if (TextLimits.Check(r) is { } tooLong) return tooLong;
        var check = await validator.ValidateAsync(r, ct);
        if (!check.IsValid) return Failure.Invalid(check);
        var township = r.TownshipCode!;
        if (regions.Find(township) is null || !user.CanSee(township)) return Failure.NotFound("该乡镇");
        if (r.HeldOn > ChinaTime.Today(clock)) return Failure.Invalid("heldOn", "会议日期不能晚于今天");
        var problemIds = r.Items!.Where(i => i.ProblemId != null).Select(i => i.ProblemId!.Value).Distinct().ToList();
        var leadIds = r.Items!.Where(i => i.RiskLeadId != null).Select(i => i.RiskLeadId!.Value).Distinct().ToList();
        var problems = await db.Problems.AsNoTracking().InRegion(township).Where(p => problemIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var leads = await db.RiskLeads.AsNoTracking().InRegion(township).Where(l => leadIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        for (var n = 0; n < r.Items!.Count; n++)
        {
            var i = r.Items[n];
            if (i.ProblemId is { } pid && !problems.ContainsKey(pid)) return Failure.Invalid($"items[{n}].problemId", "该问题不存在或不属于本乡镇");
            if (i.RiskLeadId is { } lid && !leads.ContainsKey(lid)) return Failure.Invalid($"items[{n}].riskLeadId", "该风险线索不存在或不属于本乡镇");
        }
        var items = r.Items.Select(i => new ReviewItem
        {
            ProblemId = i.ProblemId, RiskLeadId = i.RiskLeadId,
            Subject = !string.IsNullOrWhiteSpace(i.Subject) ? i.Subject.Trim()
                : i.ProblemId is { } p ? $"{Labels.Of(problems[p].Dimension)}：{problems[p].Description}"
                : $"风险线索：{leads[i.RiskLeadId!.Value].Detail}",
            Decision = i.Decision!.Trim(), ActedBy = i.ActedBy!.Trim(), ResolvedOn = i.Resolved ? r.HeldOn : null,
        }).ToList();
        foreach (var i in items) if (i.Subject.Length > 500) i.Subject = i.Subject[..500];
        var meeting = ReviewMeeting.Hold(township, r.HeldOn!.Value, r.Attendees!, r.Summary, items, clock.GetUtcNow().UtcDateTime, user.UserName);
        db.ReviewMeetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return meeting.Id;
    }

    /// <summary>Marks a discussed problem settled through the meeting's decision (研判解决), audited.</summary>
    public async Task<Outcome<bool>> ResolveAsync(long meetingId, long itemId, CancellationToken ct)
    {
        var meeting = await db.ReviewMeetings.Include(m => m.Items).FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        var item = meeting?.Items.FirstOrDefault(i => i.Id == itemId);
        if (meeting is null || item is null) return Failure.NotFound("该研判问题");
        if (item.ResolvedOn is not null) return Failure.Conflict("该问题已标记为研判解决");
        item.ResolvedOn = ChinaTime.Today(clock);
        await db.SaveChangesAsync(ct);
        await db.RecordAsync(Platform.Auditing.AuditAction.Update, nameof(ReviewItem), item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            meeting.TownshipCode, $"月研判问题已解决：{item.Subject}", ct);
        return true;
    }

    /// <summary>The year's figures, and one page of its meetings (newest first; <see cref="MeetingsView.Meetings"/> counts them all).</summary>
    public async Task<Outcome<MeetingsView>> ListAsync(string? region, int? year, CancellationToken ct, int? page = null)
    {
        var asked = RegionRequest.Check(region, null, regions, user, clock);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value.Code;
        var y = year ?? ChinaTime.Today(clock).Year;
        if (y is < 2015 or > 2100) return Failure.Invalid("year", "年度无效");
        var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        var meetings = await db.ReviewMeetings.AsNoTracking().Include(m => m.Items)
            .Where(m => m.TownshipCode.StartsWith(code) && m.HeldOn >= from && m.HeldOn <= to)
            .OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id).ToListAsync(ct);
        // A linked problem that has since been resolved (or verified) counts as resolved through the meeting too.
        var linked = meetings.SelectMany(m => m.Items).Where(i => i.ProblemId != null && i.ResolvedOn == null).Select(i => i.ProblemId!.Value).Distinct().ToList();
        var solved = (await db.Problems.AsNoTracking().Where(p => linked.Contains(p.Id) && (p.Status == ProblemStatus.Resolved || p.Status == ProblemStatus.Verified))
            .Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        bool Resolved(ReviewItem i) => i.ResolvedOn is not null || (i.ProblemId is { } p && solved.Contains(p));
        var byMonth = Enumerable.Range(1, 12).Select(mo =>
        {
            var inMonth = meetings.Where(m => m.HeldOn.Month == mo).ToList();
            return new PeriodCount($"{y}-{mo:00}", inMonth.Count, inMonth.Sum(m => m.Items.Count), inMonth.Sum(m => m.Items.Count(Resolved)));
        }).ToList();
        var paging = Paging.Of(page, 20, 20, 20);
        var rows = meetings.Skip(paging.Skip).Take(paging.Size).Select(m => new MeetingRow(m.Id, regions.NameOf(m.TownshipCode), m.HeldOn, m.Attendees, m.Summary,
            m.Items.Select(i => new MeetingItemRow(i.Id, i.ProblemId, i.RiskLeadId, i.Subject, i.Decision, i.ActedBy, Resolved(i))).ToList())).ToList();
        return new MeetingsView(code, regions.NameOf(code), y, meetings.Count, meetings.Sum(m => m.Items.Count), meetings.Sum(m => m.Items.Count(Resolved)), byMonth, rows,
            paging.Page, paging.Size);
    }

    /// <summary>Open problems and leads of a township, for the meeting form's pickers ("p:12" / "l:34").</summary>
    public async Task<IReadOnlyList<OpenIssue>> OpenIssuesAsync(string township, CancellationToken ct)
    {
        if (township.Length != 9 || !user.CanSee(township)) return [];
        var problems = await (from p in db.Problems.AsNoTracking().InRegion(township)
                              where p.Status != ProblemStatus.Verified
                              join h in db.Households on p.HouseholdId equals h.Id
                              orderby p.Id
                              select new { p.Id, p.Dimension, p.Description, h.HeadName }).Take(200).ToListAsync(ct);
        var leads = await (from l in db.RiskLeads.AsNoTracking().InRegion(township)
                           where (l.Status == Monitoring.LeadStatus.Open || l.Status == Monitoring.LeadStatus.InProcedure)
                           join h in db.Households on l.HouseholdId equals h.Id
                           orderby l.Id
                           select new { l.Id, l.Detail, h.HeadName }).Take(200).ToListAsync(ct);
        return problems.Select(p => new OpenIssue($"p:{p.Id}", $"问题{p.Id} {p.HeadName}户 {Labels.Of(p.Dimension)}：{p.Description}"))
            .Concat(leads.Select(l => new OpenIssue($"l:{l.Id}", $"线索{l.Id} {l.HeadName}户：{l.Detail}"))).ToList();
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/fieldwork/meetings", async (string? region, int? year, int? page, ReviewMeetingsHandler h, CancellationToken ct) =>
                (await h.ListAsync(region, year, ct, page)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.FieldWorkView)
            .WithName("ListReviewMeetings").WithSummary("月研判会议及问题解决数（按年度、月份）").WithTags("走访");
        api.MapPost("/fieldwork/meetings", async (HoldMeetingRequest r, ReviewMeetingsHandler h, CancellationToken ct) =>
                (await h.HoldAsync(r, ct)).ToHttp(id => TypedResults.Created($"/api/v1/fieldwork/meetings?id={id}", new { id })))
            .RequireAuthorization(Permissions.FieldWorkMeet)
            .WithName("HoldReviewMeeting").WithSummary("记录乡镇月研判会议").WithTags("走访");
        api.MapPost("/fieldwork/meetings/{id:long}/items/{itemId:long}/resolve", async (long id, long itemId, ReviewMeetingsHandler h, CancellationToken ct) =>
                (await h.ResolveAsync(id, itemId, ct)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(Permissions.FieldWorkMeet)
            .WithName("ResolveReviewItem").WithSummary("标记研判问题已解决").WithTags("走访");
    }
}

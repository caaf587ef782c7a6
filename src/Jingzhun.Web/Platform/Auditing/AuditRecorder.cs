using System.Text.Json;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Jingzhun.Web.Platform.Auditing;

/// <summary>
/// Turns tracked changes of audited entities into <see cref="AuditEntry"/> rows. Values are captured before the
/// save (old and new), keys after it (identity values are known only then). Secrets never reach the log: the
/// ID number appears masked, the phone masked, password hashes and stamps not at all.
/// </summary>
internal static class AuditRecorder
{
    private static readonly HashSet<string> Skipped =
    [
        nameof(Member.IdNumberCipher), nameof(Member.IdNumberHash), nameof(Household.PhoneProtected),
        nameof(Household.Version), nameof(Household.UpdatedAt), nameof(Household.UpdatedBy), nameof(Household.CreatedAt),
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        nameof(AppUser.NormalizedUserName), nameof(AppUser.NormalizedEmail), nameof(AppUser.AccessFailedCount), "Events", "Steps", "Measures", "Log",
        "HouseholdId", "Id", "CountyCode",
    ];

    internal sealed record Pending(EntityEntry Entry, AuditAction Action, string Type, Dictionary<string, object?[]> Changes);

    public static List<Pending> Collect(ChangeTracker tracker)
    {
        var list = new List<Pending>();
        foreach (var e in tracker.Entries())
        {
            if (e.Entity is not (Household or Member or HouseholdIncome or AppUser or Modules.Guarantees.Problem or Modules.Guarantees.GuaranteePolicy
                or Modules.Monitoring.RiskLead or Modules.Monitoring.MonitoringCase or Modules.Monitoring.MonitoringPolicy
                or Modules.Monitoring.AssistanceMeasure or Modules.Dashboards.ExitEvaluation.HouseholdExit
                or Modules.Dashboards.Snapshots.RegistrySnapshot or Modules.Regions.Region or Files.StoredFile or Jobs.Job
                or Modules.Dashboards.ExitEvaluation.ExitStandard or Modules.FieldWork.Cadre or Modules.FieldWork.Pairing
                or Modules.FieldWork.WorkTeam or Modules.FieldWork.Visit or Modules.FieldWork.VisitPhoto)) continue;
            // A job is audited when someone asks for it; the runner's status and progress updates are not user writes.
            if (e.Entity is Jobs.Job && e.State != EntityState.Added) continue;
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var changes = new Dictionary<string, object?[]>();
            foreach (var p in e.Properties)
            {
                var name = p.Metadata.Name;
                if (Skipped.Contains(name) || p.Metadata.IsShadowProperty()) continue;
                var (oldV, newV) = e.State switch
                {
                    EntityState.Added => (null, p.CurrentValue),
                    EntityState.Deleted => (p.OriginalValue, null),
                    _ => (p.OriginalValue, p.CurrentValue),
                };
                if (e.State == EntityState.Modified && Equals(oldV, newV)) continue;
                if (e.State == EntityState.Added && newV is null) continue;
                changes[name] = [Plain(oldV), Plain(newV)];
            }
            if (e.State == EntityState.Modified && changes.Count == 0) continue;
            var action = e.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Deleted => AuditAction.Delete,
                _ when changes.ContainsKey(nameof(Member.Status)) || changes.ContainsKey(nameof(Household.Status)) || changes.ContainsKey("Stage") => AuditAction.StatusChange,
                _ => AuditAction.Update,
            };
            list.Add(new Pending(e, action, e.Entity.GetType().Name, changes));
        }
        return list;
    }

    public static AuditEntry ToEntry(Pending p, IAuditActor actor, DateTime now)
    {
        var (id, householdId, region, summary) = p.Entry.Entity switch
        {
            Household h => (h.Id.ToString(), (long?)h.Id, h.VillageCode, $"户 {h.HouseholdNumber}（户主 {h.HeadName}）"),
            Member m => (m.Id.ToString(), m.HouseholdId, m.Household.VillageCode, $"成员 {m.Name}（{m.IdNumberMasked}）"),
            HouseholdIncome i => (i.Id.ToString(), i.HouseholdId, i.Household.VillageCode, $"{i.Year}年收入"),
            AppUser u => (u.Id, null, u.RegionCode, $"用户 {u.UserName}（{u.DisplayName}）"),
            Modules.Guarantees.Problem pr => (pr.Id.ToString(), (long?)pr.HouseholdId, pr.VillageCode,
                $"{Platform.Localization.Labels.Of(pr.Dimension)}问题 {pr.Id}（{Platform.Localization.Labels.Of(pr.Status)}）"),
            Modules.Monitoring.RiskLead l => (l.Id.ToString(), (long?)l.HouseholdId, l.VillageCode, $"风险线索 {l.Id}（{Platform.Localization.Labels.Of(l.Source)}）"),
            Modules.Monitoring.MonitoringCase mc => (mc.Id.ToString(), (long?)mc.HouseholdId, mc.VillageCode,
                $"监测认定 {mc.Id}（{Platform.Localization.Labels.Of(mc.Stage)}）"),
            Modules.Monitoring.AssistanceMeasure am => (am.Id.ToString(), (long?)am.HouseholdId, am.VillageCode,
                $"帮扶措施（{Platform.Localization.Labels.Of(am.Category)}）{am.Description}"),
            Modules.Dashboards.ExitEvaluation.HouseholdExit he => (he.Id.ToString(), (long?)he.HouseholdId, he.VillageCode,
                $"{he.Year}年脱贫退出（{Platform.Localization.Labels.Of(he.Stage)}）"),
            Files.StoredFile sf => (sf.Id, null, sf.RegionCode, $"上传照片 {sf.FileName}（{sf.Size / 1024} KB）"),
            Jobs.Job j => (j.Id.ToString(), null, j.RegionCode, $"后台任务 {j.Kind}（{j.RegionCode}）"),
            Modules.Dashboards.ExitEvaluation.ExitStandard es => (es.Id.ToString(), null, es.ProvinceCode, $"退出标准 {es.ProvinceCode} {es.Year}年"),
            Modules.FieldWork.Cadre c => (c.Id.ToString(), null, c.RegionCode, $"帮扶干部 {c.Name}（{c.Unit}）"),
            Modules.FieldWork.Pairing pa => (pa.Id.ToString(), (long?)pa.HouseholdId, pa.VillageCode,
                pa.IsActive ? $"结对帮扶 干部{pa.CadreId} 自{pa.StartedOn:yyyy-MM-dd}" : $"结束结对 干部{pa.CadreId} 至{pa.EndedOn:yyyy-MM-dd}"),
            Modules.FieldWork.WorkTeam wt => (wt.Id.ToString(), null, wt.VillageCode, $"驻村工作队 {wt.Name}"),
            Modules.FieldWork.Visit v => (v.Id.ToString(), (long?)v.HouseholdId, v.VillageCode,
                $"走访（{Platform.Localization.Labels.Of(v.Kind)}）{Platform.Localization.ChinaTime.Format(v.VisitedAt)}"),
            Modules.FieldWork.VisitPhoto vp => (vp.Id.ToString(), null, vp.RegionCode, $"走访照片 {vp.StoredFileId}"),
            Modules.Regions.Region rg => (rg.Code, null, rg.Code, $"区划 {rg.Code} {rg.Name}"),
            Modules.Monitoring.MonitoringPolicy mp => (mp.Id.ToString(), null, mp.ProvinceCode, $"防返贫监测政策参数 {mp.ProvinceCode} {mp.Year}年"),
            Modules.Guarantees.GuaranteePolicy gp => (gp.Id.ToString(), null, gp.ProvinceCode, $"两不愁三保障政策参数 {gp.ProvinceCode} {gp.Year}年"),
            Modules.Dashboards.Snapshots.RegistrySnapshot rs => (rs.Id.ToString(), null, rs.RegionCode, $"年度数据冻结 {rs.RegionCode} {rs.Year}年（{rs.Households}户）"),
            _ => ("", null, "", ""),
        };
        return new AuditEntry
        {
            At = now,
            UserId = actor.UserId,
            UserName = actor.UserName,
            Action = p.Action,
            EntityType = p.Type,
            EntityId = id,
            HouseholdId = householdId,
            RegionCode = region,
            Summary = summary.Length > 200 ? summary[..200] : summary,
            Changes = JsonSerializer.Serialize(p.Changes, JsonOptions),
        };
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static object? Plain(object? v) => v switch
    {
        null => null,
        Enum e => e.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd"),
        DateTime t => t.ToString("O"),
        _ => v,
    };
}

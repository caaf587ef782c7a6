using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Modules.Registry.ManageMembers;
using Jingzhun.Web.Modules.Registry.RecordIncome;
using Jingzhun.Web.Modules.Registry.UpdateHousehold;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork.RecordVisit;

/// <summary>The living facts a cadre may update at the door; a null field means "unchanged".</summary>
public sealed record VisitFacts
{
    public bool? FoodSecure { get; init; }
    public bool? ClothingSecure { get; init; }
    public HousingGrade? HousingGrade { get; init; }
    public bool? WaterPiped { get; init; }
    public bool? WaterQualityPassed { get; init; }
    public decimal? WaterLitresPerPersonDay { get; init; }
    public int? WaterFetchMinutes { get; init; }
    public int? WaterCutoffDaysPerYear { get; init; }
    public bool? HasElectricity { get; init; }
    public bool? HasHardenedRoad { get; init; }
    public bool? HasBroadband { get; init; }
    public bool? HasSanitaryToilet { get; init; }

    public static VisitFacts Of(Household h) => new()
    {
        FoodSecure = h.FoodSecure, ClothingSecure = h.ClothingSecure, HousingGrade = h.HousingGrade, WaterPiped = h.WaterPiped,
        WaterQualityPassed = h.WaterQualityPassed, WaterLitresPerPersonDay = h.WaterLitresPerPersonDay, WaterFetchMinutes = h.WaterFetchMinutes,
        WaterCutoffDaysPerYear = h.WaterCutoffDaysPerYear, HasElectricity = h.HasElectricity, HasHardenedRoad = h.HasHardenedRoad,
        HasBroadband = h.HasBroadband, HasSanitaryToilet = h.HasSanitaryToilet,
    };

    public HouseholdFacts Over(HouseholdFacts f) => f with
    {
        FoodSecure = FoodSecure ?? f.FoodSecure, ClothingSecure = ClothingSecure ?? f.ClothingSecure, HousingGrade = HousingGrade ?? f.HousingGrade,
        WaterPiped = WaterPiped ?? f.WaterPiped, WaterQualityPassed = WaterQualityPassed ?? f.WaterQualityPassed,
        WaterLitresPerPersonDay = WaterLitresPerPersonDay ?? f.WaterLitresPerPersonDay, WaterFetchMinutes = WaterFetchMinutes ?? f.WaterFetchMinutes,
        WaterCutoffDaysPerYear = WaterCutoffDaysPerYear ?? f.WaterCutoffDaysPerYear, HasElectricity = HasElectricity ?? f.HasElectricity,
        HasHardenedRoad = HasHardenedRoad ?? f.HasHardenedRoad, HasBroadband = HasBroadband ?? f.HasBroadband,
        HasSanitaryToilet = HasSanitaryToilet ?? f.HasSanitaryToilet,
    };
}

public sealed record VisitMemberUpdate(long Id, WorkStatus? WorkStatus, int? WorkMonths, HealthStatus? HealthStatus);

public sealed record VisitIncomeUpdate(int Year, IncomeLines Lines);

/// <summary>What the cadre changed during the visit, and the household version the device showed.</summary>
public sealed record HouseholdUpdate(int BaseVersion, VisitFacts? Facts, IReadOnlyList<VisitMemberUpdate>? Members, VisitIncomeUpdate? Income)
{
    public bool IsEmpty => Facts is null && (Members is null || Members.Count == 0) && Income is null;
}

/// <summary>One side of a conflict: only the parts the update touches.</summary>
public sealed record HouseholdState(JsonObject? Facts, IReadOnlyList<VisitMemberUpdate>? Members, VisitIncomeUpdate? Income);

public sealed record VisitConflict(int ServerVersion, HouseholdState Server, HouseholdState Yours);

/// <summary>
/// Applies a visit's household update through the registry's own handlers (their validators, audit and change
/// notifications), inside the caller's transaction. Nothing here validates household facts itself.
/// </summary>
public sealed class HouseholdUpdateApplier(AppDbContext db, UpdateHouseholdHandler households, ManageMembersHandler members,
    RecordIncomeHandler incomes, PersonalDataProtector protector)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The new household version, or the failure (field keys under "householdUpdate.").</summary>
    public async Task<Outcome<int>> ApplyAsync(long householdId, HouseholdUpdate update, CancellationToken ct)
    {
        var h = await db.Households.AsNoTracking().FirstAsync(x => x.Id == householdId, ct);
        if (Versions.Check(h, update.BaseVersion, "该户信息") is { } stale) return stale;
        if (update.Facts is { } facts)
        {
            var r = await households.HandleAsync(householdId, new UpdateHouseholdRequest(facts.Over(h.ToFacts(h.PhoneMasked)), h.Version), ct);
            if (!r.Succeeded) return Rename(r.Failure!, "household", "householdUpdate.facts");
        }
        for (var i = 0; i < (update.Members?.Count ?? 0); i++)
        {
            var change = update.Members![i];
            var m = await db.Members.AsNoTracking().FirstOrDefaultAsync(x => x.Id == change.Id && x.HouseholdId == householdId, ct);
            if (m is null) return Failure.Invalid($"householdUpdate.members[{i}].id", "该成员不属于此户");
            if (m.Status != MemberStatus.Active) continue;
            var memberFacts = m.ToFacts(protector.RevealIdNumber(m.IdNumberCipher)) with
            {
                WorkStatus = change.WorkStatus ?? m.WorkStatus, HealthStatus = change.HealthStatus ?? m.HealthStatus,
                WorkMonths = change.WorkStatus == WorkStatus.None ? null : change.WorkMonths ?? m.WorkMonths,
            };
            var r = await members.UpdateAsync(m.Id, new UpdateMemberRequest(memberFacts, m.Version), ct);
            if (!r.Succeeded) return Rename(r.Failure!, "member", $"householdUpdate.members[{i}]");
        }
        if (update.Income is { } income)
        {
            var r = await incomes.SaveAsync(householdId, income.Year, income.Lines, ct);
            if (!r.Succeeded) return Rename(r.Failure!, "", "householdUpdate.income");
        }
        var saved = await db.Households.FirstAsync(x => x.Id == householdId, ct);
        // Member and income changes do not move the household's version by themselves; a visit's update always does,
        // so that a second device holding the old version sees the conflict.
        if (update.Facts is null)
        {
            saved.BumpVersion();
            await db.SaveChangesAsync(ct);
        }
        return saved.Version;
    }

    /// <summary>The server's values and the update's, limited to what the update touches.</summary>
    public async Task<VisitConflict> ConflictAsync(long householdId, HouseholdUpdate update, CancellationToken ct)
    {
        var h = await db.Households.AsNoTracking().Include(x => x.Members).Include(x => x.Incomes).FirstAsync(x => x.Id == householdId, ct);
        JsonObject? serverFacts = null, yourFacts = null;
        if (update.Facts is not null)
        {
            yourFacts = (JsonObject)JsonSerializer.SerializeToNode(update.Facts, Json)!;
            var all = (JsonObject)JsonSerializer.SerializeToNode(VisitFacts.Of(h), new JsonSerializerOptions(Json) { DefaultIgnoreCondition = JsonIgnoreCondition.Never })!;
            serverFacts = new JsonObject(yourFacts.Select(p => KeyValuePair.Create(p.Key, all[p.Key]?.DeepClone())));
        }
        var serverMembers = update.Members?.Select(u => h.Members.FirstOrDefault(m => m.Id == u.Id) is { } m
            ? new VisitMemberUpdate(m.Id, m.WorkStatus, m.WorkMonths, m.HealthStatus) : new VisitMemberUpdate(u.Id, null, null, null)).ToList();
        var serverIncome = update.Income is { } inc && h.Incomes.FirstOrDefault(i => i.Year == inc.Year) is { } current
            ? new VisitIncomeUpdate(current.Year, current.ToLines()) : null;
        return new VisitConflict(h.Version, new HouseholdState(serverFacts, serverMembers, serverIncome),
            new HouseholdState(yourFacts, update.Members, update.Income));
    }

    private static Failure Rename(Failure f, string from, string to)
    {
        if (f.Errors is null) return f with { Errors = new Dictionary<string, string[]> { [to] = [f.Message] } };
        return f with
        {
            Errors = f.Errors.ToDictionary(
                e => from.Length == 0 ? $"{to}.{e.Key}" : e.Key == from ? to : e.Key.StartsWith(from + ".", StringComparison.Ordinal) ? to + e.Key[from.Length..] : $"{to}.{e.Key}",
                e => e.Value),
        };
    }
}

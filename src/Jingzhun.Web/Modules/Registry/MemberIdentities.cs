using FluentValidation;
using Jingzhun.Web.Modules.Registry.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Data;
using Jingzhun.Web.Platform.Problems;
using Jingzhun.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Registry;

public sealed record CheckedMember(MemberFacts Facts, IdNumberInfo Id, ProtectedIdNumber Protected, IReadOnlyList<string> Warnings);

/// <summary>
/// Validates a member's facts and ID number and refuses a person who is already an active member of another
/// household. The lookup runs over the whole registry (not only the user's scope), but the other household's
/// number is named only when the user may see it.
/// </summary>
public sealed class MemberIdentities(AppDbContext db, IValidator<MemberFacts> validator, PersonalDataProtector protector,
    CurrentUser user, TimeProvider clock)
{
    public async Task<Outcome<CheckedMember>> CheckAsync(MemberFacts facts, string villageCode, long? selfId, string prefix,
        CancellationToken ct)
    {
        var result = await validator.ValidateAsync(facts, ct);
        if (!result.IsValid) return Failure.Invalid(result, prefix);
        var today = Platform.Localization.ChinaTime.Today(clock);
        IdNumberRule.TryParse(facts.IdNumber, today, out var info, out _);
        var id = protector.ProtectIdNumber(info!);
        var other = await db.Members.AcrossScopes("a person is registered in one household nationwide (duplicate check)")
            .Where(m => m.IdNumberHash == id.Hash && m.Status == MemberStatus.Active && m.Id != (selfId ?? 0))
            .Select(m => new { m.Household.HouseholdNumber, m.Household.VillageCode })
            .FirstOrDefaultAsync(ct);
        if (other is not null)
        {
            var msg = user.CanSee(other.VillageCode)
                ? $"该身份证号码的人员已是户 {other.HouseholdNumber} 的成员，同一人不能同时属于两户（如需转入，请先在原户办理迁出）"
                : "该身份证号码的人员已是其他地区某户的成员，同一人不能同时属于两户，请联系上级核实";
            return Failure.Invalid(Failure.Prefixed(prefix, nameof(MemberFacts.IdNumber)), msg);
        }
        var warnings = new List<string>();
        if (info!.IsLegacy) warnings.Add("该成员使用15位旧身份证号码，请尽快核实并更新为18位号码");
        // A person born elsewhere legitimately carries another area's code, and county codes change (铜梁县 500224
        // became 铜梁区 500151 in 2014): a code from another province is a warning to check, never an error.
        if (!info.AddressCode.StartsWith(villageCode[..2], StringComparison.Ordinal))
            warnings.Add($"身份证号码地址码 {info.AddressCode} 不属于本省（{villageCode[..2]}），请核实");
        var normalized = facts with { IdNumber = info.Normalized, Gender = info.Gender, BirthDate = info.BirthDate, Name = facts.Name.Trim() };
        return new CheckedMember(normalized, info, id, warnings);
    }
}

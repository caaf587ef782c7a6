namespace Jingzhun.Web.Modules.Registry;

/// <summary>Implemented by modules that react to a household's registry data changing (re-assessment, risk sweep).</summary>
public interface IRegistryChangeListener
{
    Task HouseholdChangedAsync(long householdId, CancellationToken ct);
}

/// <summary>Tells every listener that a household changed; called by the registry handlers after a successful save.</summary>
public sealed class RegistryChanges(IEnumerable<IRegistryChangeListener> listeners)
{
    public async Task NotifyAsync(long householdId, CancellationToken ct)
    {
        foreach (var l in listeners) await l.HouseholdChangedAsync(householdId, ct);
    }
}

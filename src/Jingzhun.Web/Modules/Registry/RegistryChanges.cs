namespace Jingzhun.Web.Modules.Registry;

/// <summary>
/// Implemented by the modules that derive something from the registry (re-assessment, risk sweep), so that the registry
/// announces its changes without knowing who listens. Registered in the listening module's own <c>Add*</c>.
/// </summary>
public interface IRegistryChangeListener
{
    /// <summary>One household changed (registered, updated, a member or an income saved); react to it now.</summary>
    Task HouseholdChangedAsync(long householdId, CancellationToken ct);

    /// <summary>
    /// Many households of a region changed at once (an import). Called inside the importer's transaction after its
    /// save: what the listener saves (typically a queued sweep job) commits or rolls back with the import.
    /// </summary>
    Task RegionChangedAsync(string regionCode, string changedBy, CancellationToken ct);
}

/// <summary>Tells every listener that the registry changed; each registry use case calls it once, after its save.</summary>
public sealed class RegistryChanges(IEnumerable<IRegistryChangeListener> listeners)
{
    public async Task NotifyAsync(long householdId, CancellationToken ct)
    {
        foreach (var l in listeners) await l.HouseholdChangedAsync(householdId, ct);
    }

    /// <summary>The bulk announcement: listeners are called in registration order (guarantees before monitoring).</summary>
    public async Task NotifyRegionAsync(string regionCode, string changedBy, CancellationToken ct)
    {
        foreach (var l in listeners) await l.RegionChangedAsync(regionCode, changedBy, ct);
    }
}

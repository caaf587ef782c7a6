namespace Jingzhun.Web.Platform;

/// <summary>
/// First-start data a module owns: its policy defaults (always) and its part of the demo county (when Demo:Seed is
/// on). Each module registers its own in its Add* method; Startup runs them by <see cref="Order"/>, and each seed
/// is idempotent (it does nothing when its data is there).
/// </summary>
public interface IStartupSeed
{
    /// <summary>Policy tables 0–99, accounts 100, the registry 200, then the modules that build on it; notes of what was seeded 900–1000.</summary>
    int Order { get; }

    bool DemoOnly { get; }

    /// <summary>Seeds and returns a note for the console, printed after every seed has run (or null).</summary>
    Task<string?> SeedAsync(CancellationToken ct);
}

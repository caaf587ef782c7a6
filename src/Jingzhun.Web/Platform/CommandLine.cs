namespace Jingzhun.Web.Platform;

/// <summary>
/// An operations verb run from the command line instead of the web server
/// (<c>dotnet run --project src/Jingzhun.Web -- &lt;verb&gt; ...</c>). Each module registers its own verbs.
/// </summary>
public interface ICommandLineVerb
{
    /// <summary>The usage line, as typed after <c>--</c>.</summary>
    string Usage { get; }

    /// <summary>Runs when the arguments are this verb's and returns the process exit code; null when they are not its.</summary>
    /// <param name="root">The application's root services (for verbs that make their own scopes).</param>
    Task<int?> RunAsync(string[] args, IServiceProvider root, CancellationToken ct);
}

public static class CommandLineVerbs
{
    public static IServiceCollection AddCommandLineVerb<T>(this IServiceCollection services) where T : class, ICommandLineVerb =>
        services.AddScoped<ICommandLineVerb, T>();

    /// <summary>Runs the verb the arguments name, or prints every verb's usage (exit code 2).</summary>
    public static async Task<int> RunAsync(IServiceProvider scope, IServiceProvider root, string[] args, CancellationToken ct)
    {
        var verbs = scope.GetServices<ICommandLineVerb>().ToList();
        foreach (var verb in verbs)
            if (await verb.RunAsync(args, root, ct) is { } code) return code;
        Console.Error.WriteLine("用法 Usage:");
        Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web                       启动系统 (http://localhost:5080)");
        foreach (var verb in verbs) Console.Error.WriteLine("  dotnet run --project src/Jingzhun.Web -- " + verb.Usage);
        return 2;
    }
}

namespace Jingzhun.Web.Platform.Backup;

/// <summary><c>backup &lt;dir&gt;</c> and <c>restore &lt;dir&gt;</c> from the command line (docs/operations.md).</summary>
internal sealed class BackupVerb(BackupSettings settings) : ICommandLineVerb
{
    public string Usage => BackupCommands.BackupUsage;

    public async Task<int?> RunAsync(string[] args, IServiceProvider root, CancellationToken ct) => args is ["backup", .. var rest]
        ? await BackupCommands.RunAsync("backup", rest, settings, root, Console.Out, Console.Error, ct) : null;
}

internal sealed class RestoreVerb(BackupSettings settings) : ICommandLineVerb
{
    public string Usage => BackupCommands.RestoreUsage;

    public async Task<int?> RunAsync(string[] args, IServiceProvider root, CancellationToken ct) => args is ["restore", .. var rest]
        ? await BackupCommands.RunAsync("restore", rest, settings, root, Console.Out, Console.Error, ct) : null;
}

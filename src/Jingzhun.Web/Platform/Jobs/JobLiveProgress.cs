using System.Collections.Concurrent;

namespace Jingzhun.Web.Platform.Jobs;

/// <summary>
/// Progress and cancel requests of jobs that hold one long write transaction (a bulk import): on SQLite nothing else
/// can write the jobs table until it commits, so their progress lives in memory here and the job API reads it from
/// here. Other jobs report through the table as before.
/// </summary>
public sealed class JobLiveProgress
{
    public sealed record Snapshot(int Done, int Total, string Message);

    private readonly ConcurrentDictionary<long, Snapshot> _progress = new();
    private readonly ConcurrentDictionary<long, bool> _cancel = new();

    public void Report(long jobId, int done, int total, string message) => _progress[jobId] = new Snapshot(done, total, message);

    public Snapshot? Find(long jobId) => _progress.TryGetValue(jobId, out var s) ? s : null;

    /// <summary>Asks a job to stop; false when the job is not live here yet (the caller then sets the table's flag too).</summary>
    public bool RequestCancel(long jobId)
    {
        _cancel[jobId] = true;
        return _progress.ContainsKey(jobId);
    }

    public bool CancelRequested(long jobId) => _cancel.ContainsKey(jobId);

    public void End(long jobId)
    {
        _progress.TryRemove(jobId, out _);
        _cancel.TryRemove(jobId, out _);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace KubeStash.Tests.Runtime;

/// <summary>Timestamps per object: when its create was sent, when its first reconcile started and finished.</summary>
public sealed class BenchmarkProbe
{
    private readonly ConcurrentDictionary<string, long> created = new();
    private readonly ConcurrentDictionary<string, long> started = new();
    private readonly ConcurrentDictionary<string, long> finished = new();

    public int Finished => finished.Count;

    public void Created(string name) => created[name] = Stopwatch.GetTimestamp();

    public void ReconcileStarted(string name) => started.TryAdd(name, Stopwatch.GetTimestamp());

    public void ReconcileFinished(string name) => finished.TryAdd(name, Stopwatch.GetTimestamp());

    public bool HasFinished(string name) => finished.ContainsKey(name);

    /// <summary>Create sent → reconcile started, in milliseconds, for the given objects.</summary>
    public List<double> Latencies(IEnumerable<string> names)
        => [.. names.Select(n => Stopwatch.GetElapsedTime(created[n], started[n]).TotalMilliseconds).Order()];

    public TimeSpan FirstCreateToLastFinish(IEnumerable<string> names)
    {
        var list = names.ToList();
        return Stopwatch.GetElapsedTime(list.Min(n => created[n]), list.Max(n => finished[n]));
    }
}

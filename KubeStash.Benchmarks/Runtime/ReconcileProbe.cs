using System.Collections.Concurrent;
using System.Diagnostics;

namespace KubeStash.Benchmarks.Runtime;

/// <summary>Per object: when its create was sent, when its first reconcile started and finished.</summary>
internal sealed class ReconcileProbe
{
    private readonly ConcurrentDictionary<string, long> created = new();
    private readonly ConcurrentDictionary<string, long> started = new();
    private readonly ConcurrentDictionary<string, long> finished = new();

    public void Created(string name) => created[name] = Stopwatch.GetTimestamp();

    public void Started(string name) => started.TryAdd(name, Stopwatch.GetTimestamp());

    public void Finished(string name) => finished.TryAdd(name, Stopwatch.GetTimestamp());

    public bool HasFinished(string name) => finished.ContainsKey(name);

    /// <summary>Create sent → reconcile started, in milliseconds, sorted.</summary>
    public List<double> Latencies(IEnumerable<string> names)
        => [.. names.Select(n => Stopwatch.GetElapsedTime(created[n], started[n]).TotalMilliseconds).Order()];

    public TimeSpan FirstCreateToLastFinish(IReadOnlyCollection<string> names)
        => Stopwatch.GetElapsedTime(names.Min(n => created[n]), names.Max(n => finished[n]));
}

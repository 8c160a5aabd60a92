using System.Collections.Concurrent;
using System.Diagnostics;

namespace KubeStash.Benchmarks.Lifecycle;

/// <summary>When each object (by "namespace/name") was first seen in a given state; waiters can await one.</summary>
internal sealed class FirstSeen
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> seen = new(StringComparer.Ordinal);

    public int Count => seen.Values.Count(s => s.Task.IsCompleted);

    public void Mark(string key)
        => seen.GetOrAdd(key, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(Stopwatch.GetTimestamp());

    public bool Has(string key) => seen.TryGetValue(key, out var entry) && entry.Task.IsCompleted;

    /// <summary>The <see cref="Stopwatch"/> timestamp at which <paramref name="key"/> was first seen.</summary>
    public Task<long> WhenSeenAsync(string key)
        => seen.GetOrAdd(key, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}

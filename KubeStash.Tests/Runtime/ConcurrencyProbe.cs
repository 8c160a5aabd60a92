using System.Collections.Concurrent;

namespace KubeStash.Tests.Runtime;

/// <summary>Measures how many reconciles overlap, overall and per object.</summary>
public sealed class ConcurrencyProbe
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> perObject = [];
    private readonly ConcurrentDictionary<string, long> generations = new();
    private int current;
    private int completed;

    public int MaxConcurrent { get; private set; }

    public int MaxConcurrentPerObject { get; private set; }

    public int Completed => Volatile.Read(ref completed);

    public long? LastSeenGeneration(string name) => generations.TryGetValue(name, out var generation) ? generation : null;

    public IDisposable Enter(string name, long generation)
    {
        lock (gate)
        {
            current++;
            MaxConcurrent = Math.Max(MaxConcurrent, current);
            perObject[name] = perObject.GetValueOrDefault(name) + 1;
            MaxConcurrentPerObject = Math.Max(MaxConcurrentPerObject, perObject[name]);
        }

        generations[name] = generation;
        return new Exit(this, name);
    }

    private sealed class Exit(ConcurrencyProbe probe, string name) : IDisposable
    {
        public void Dispose()
        {
            lock (probe.gate)
            {
                probe.current--;
                probe.perObject[name]--;
            }

            Interlocked.Increment(ref probe.completed);
        }
    }
}

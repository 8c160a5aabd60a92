using System.Collections.Concurrent;

namespace KubeStash.Tests.Runtime;

/// <summary>What test controllers and finalizers were asked to do, in order.</summary>
public sealed class CallLog
{
    private readonly ConcurrentQueue<string> calls = new();

    public IReadOnlyList<string> Calls => [.. calls];

    public void Add(string call) => calls.Enqueue(call);

    public int Count(string call) => calls.Count(c => c == call);
}

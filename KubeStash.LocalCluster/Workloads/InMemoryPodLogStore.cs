using System.Collections.Concurrent;
using System.Text;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>Keeps the last <paramref name="tailCharacters"/> characters of each container's output in memory.</summary>
public sealed class InMemoryPodLogStore(int tailCharacters = 256 * 1024) : IPodLogStore
{
    private readonly ConcurrentDictionary<(string Namespace, string Pod, string Container), StringBuilder> _logs = new();

    public void Append(string @namespace, string pod, string container, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var log = _logs.GetOrAdd((@namespace, pod, container), _ => new StringBuilder());
        lock (log)
        {
            log.Append(text);
            if (log.Length > tailCharacters)
            {
                log.Remove(0, log.Length - tailCharacters);
            }
        }
    }

    public string? Read(string @namespace, string pod, string container)
    {
        if (!_logs.TryGetValue((@namespace, pod, container), out var log))
        {
            return null;
        }

        lock (log)
        {
            return log.ToString();
        }
    }

    public void RemovePod(string @namespace, string pod)
    {
        foreach (var key in _logs.Keys.Where(k => k.Namespace == @namespace && k.Pod == pod))
        {
            _logs.TryRemove(key, out _);
        }
    }
}

using System.Threading.Channels;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// A controller's queue of object keys: a key waiting to be processed is held once however often it is added, and
/// one worker reconciles keys one at a time. A failing reconcile is retried after a growing delay.
/// </summary>
internal sealed class KeyedWorkQueue(string name, Func<string, CancellationToken, Task> reconcile, TimeProvider timeProvider, ILogger logger)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(12);
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private CancellationToken _stopping;

    public void Add(string key)
    {
        lock (_lock)
        {
            if (!_queued.Add(key))
            {
                return;
            }
        }

        _channel.Writer.TryWrite(key);
    }

    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        // A far wake-up (a yearly schedule, a long TTL) is looked at again sooner; the reconcile recomputes it.
        if (delay > MaxDelay)
        {
            delay = MaxDelay;
        }

        _ = DelayedAddAsync(key, delay);
    }

    private async Task DelayedAddAsync(string key, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, timeProvider, _stopping);
            Add(key);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        try
        {
            await foreach (var key in _channel.Reader.ReadAllAsync(cancellationToken))
            {
                lock (_lock)
                {
                    _queued.Remove(key);
                }

                try
                {
                    await reconcile(key, cancellationToken);
                    _failures.Remove(key);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    var failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
                    var delay = TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, Math.Min(failures, 10)), 10_000));
                    logger.LogWarning(e, "{Controller}: reconciling {Key} failed (attempt {Attempt}); retrying in {Delay}", name, key, failures, delay);
                    AddAfter(key, delay);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}

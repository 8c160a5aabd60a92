namespace KubeStash.Operator.Runtime.Queue;

/// <summary>
/// A work queue in the manner of client-go's: a key waits at most once however often it is added (dedupe), a key being
/// processed is not handed out again until <see cref="Done"/> (one in flight per key) and is re-queued then if it was
/// added meanwhile; delayed adds keep the earliest due time; failures back off exponentially per key.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly WorkQueueOptions options;
    private readonly TimeProvider timeProvider;
    private readonly Lock gate = new();
    private readonly Queue<TKey> ready = new();
    private readonly HashSet<TKey> dirty = [];
    private readonly HashSet<TKey> processing = [];
    private readonly Dictionary<TKey, DateTimeOffset> waiting = [];
    private readonly Dictionary<TKey, int> failures = [];
    private readonly SemaphoreSlim available = new(0);
    private readonly CancellationTokenSource shutdown = new();

    public WorkQueue(WorkQueueOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.BaseRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.BaseRetryDelay)
        {
            throw new ArgumentException("WorkQueueOptions: BaseRetryDelay must be positive and not above MaxRetryDelay.", nameof(options));
        }

        this.options = options;
        this.timeProvider = timeProvider;
    }

    /// <summary>Raised when a delayed (or rate-limited) add of a key falls due, just before the key is added.</summary>
    public event Action<TKey>? DelayedAddDue;

    /// <summary>Keys ready to be taken now (not counting delayed or in-flight ones).</summary>
    public int Depth
    {
        get
        {
            lock (gate)
            {
                return ready.Count;
            }
        }
    }

    public bool IsShuttingDown => shutdown.IsCancellationRequested;

    public void Add(TKey key)
    {
        lock (gate)
        {
            if (shutdown.IsCancellationRequested || !dirty.Add(key) || processing.Contains(key))
            {
                return;
            }

            ready.Enqueue(key);
        }

        available.Release();
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed; an earlier pending delayed add wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        var due = timeProvider.GetUtcNow() + delay;
        lock (gate)
        {
            if (shutdown.IsCancellationRequested || (waiting.TryGetValue(key, out var pending) && pending <= due))
            {
                return;
            }

            waiting[key] = due;
        }

        _ = AddWhenDueAsync(key, due, delay);
    }

    /// <summary>Records one more failure of the key and adds it after the resulting backoff, which is returned.</summary>
    public TimeSpan AddRateLimited(TKey key)
    {
        int count;
        lock (gate)
        {
            count = failures[key] = failures.GetValueOrDefault(key) + 1;
        }

        var delay = Backoff(count);
        AddAfter(key, delay);
        return delay;
    }

    /// <summary>Clears the key's failure count (call after it was processed successfully).</summary>
    public void Forget(TKey key)
    {
        lock (gate)
        {
            failures.Remove(key);
        }
    }

    public int FailureCount(TKey key)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Waits for a ready key and marks it in flight; the caller must call <see cref="Done"/> with it.
    /// Throws <see cref="OperationCanceledException"/> once the queue shuts down or the token is cancelled.
    /// </summary>
    public async Task<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
        await available.WaitAsync(linked.Token);
        lock (gate)
        {
            var key = ready.Dequeue();
            dirty.Remove(key);
            processing.Add(key);
            return key;
        }
    }

    /// <summary>Ends processing of the key; if it was added meanwhile it becomes ready again.</summary>
    public void Done(TKey key)
    {
        lock (gate)
        {
            processing.Remove(key);
            if (shutdown.IsCancellationRequested || !dirty.Contains(key))
            {
                return;
            }

            ready.Enqueue(key);
        }

        available.Release();
    }

    /// <summary>Stops handing out keys; waiting takers are released with <see cref="OperationCanceledException"/>.</summary>
    public void ShutDown()
    {
        lock (gate)
        {
            if (shutdown.IsCancellationRequested)
            {
                return;
            }

            shutdown.Cancel();
        }
    }

    public void Dispose()
    {
        ShutDown();
        shutdown.Dispose();
        available.Dispose();
    }

    private TimeSpan Backoff(int failureCount)
    {
        // 2^n overflows long before the cap matters; stop doubling once past the cap.
        var exponent = Math.Min(failureCount - 1, 30);
        var ticks = options.BaseRetryDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= options.MaxRetryDelay.Ticks ? options.MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }

    private async Task AddWhenDueAsync(TKey key, DateTimeOffset due, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, timeProvider, shutdown.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        lock (gate)
        {
            if (!waiting.TryGetValue(key, out var pending) || pending != due)
            {
                return;
            }

            waiting.Remove(key);
        }

        DelayedAddDue?.Invoke(key);
        Add(key);
    }
}

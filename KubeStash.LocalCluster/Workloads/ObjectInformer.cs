using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// List-then-watch cache of one resource across all namespaces, as client-go's informer keeps it: resumes a
/// dropped watch from the last resource version, lists afresh when the server answers 410 Gone, and re-lists
/// every resync period so that a missed event heals. Calls back with each object seen to change.
/// </summary>
internal sealed class ObjectInformer<T, TList>(
    string resource,
    Func<CancellationToken, Task<TList>> list,
    Func<string?, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch,
    Action<WatchEventType, T> onChange,
    TimeSpan resyncPeriod,
    ILogger logger) : IInformer
    where T : IKubernetesObject<V1ObjectMeta>
    where TList : IKubernetesObject<V1ListMeta>, IItems<T>
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentDictionary<string, T> _objects = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first list has been loaded.</summary>
    public Task Synced => _synced.Task;

    public ICollection<T> Objects => _objects.Values;

    public T? Get(string @namespace, string name) => _objects.TryGetValue(Key(@namespace, name), out var value) ? value : default;

    public static string Key(string? @namespace, string name) => $"{@namespace}/{name}";

    /// <summary>Puts an object the server just returned into the cache ahead of its watch event, so the next reconcile does not act on an older copy.</summary>
    public void Remember(T item) => _objects[Key(item.Namespace(), item.Name())] = item;

    public void Forget(T item) => _objects.TryRemove(Key(item.Namespace(), item.Name()), out _);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var resourceVersion = await ListAsync(cancellationToken);
                _synced.TrySetResult();
                await WatchUntilResyncAsync(resourceVersion, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Listing {Resource} failed; retrying", resource);
                await DelayAsync(RetryDelay, cancellationToken);
            }
        }
    }

    private async Task<string?> ListAsync(CancellationToken cancellationToken)
    {
        var response = await list(cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in response.Items ?? [])
        {
            var key = Key(item.Namespace(), item.Name());
            seen.Add(key);
            _objects[key] = item;
            onChange(WatchEventType.Modified, item);
        }

        foreach (var (key, gone) in _objects.ToArray())
        {
            if (!seen.Contains(key) && _objects.TryRemove(key, out _))
            {
                onChange(WatchEventType.Deleted, gone);
            }
        }

        return response.Metadata?.ResourceVersion;
    }

    private async Task WatchUntilResyncAsync(string? resourceVersion, CancellationToken cancellationToken)
    {
        using var resync = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        resync.CancelAfter(resyncPeriod);
        while (!resync.IsCancellationRequested)
        {
            using var session = CancellationTokenSource.CreateLinkedTokenSource(resync.Token);
            var expired = false;
            try
            {
                var events = watch(
                    resourceVersion,
                    e =>
                    {
                        if (e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
                        {
                            expired = true;
                            session.Cancel();
                        }
                        else
                        {
                            logger.LogDebug(e, "Watch of {Resource} reported an error", resource);
                        }
                    },
                    session.Token);
                await foreach (var (type, item) in events)
                {
                    resourceVersion = item.Metadata?.ResourceVersion ?? resourceVersion;
                    Apply(type, item);
                }
            }
            catch (OperationCanceledException) when (session.IsCancellationRequested)
            {
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                expired = true;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug(e, "Watch of {Resource} dropped; resuming from {ResourceVersion}", resource, resourceVersion);
                await DelayAsync(RetryDelay, resync.Token);
            }

            if (expired)
            {
                logger.LogDebug("Watch of {Resource} expired at {ResourceVersion}; listing again", resource, resourceVersion);
                return;
            }
        }
    }

    private void Apply(WatchEventType type, T item)
    {
        var key = Key(item.Namespace(), item.Name());
        switch (type)
        {
            case WatchEventType.Added:
            case WatchEventType.Modified:
                _objects[key] = item;
                onChange(type, item);
                break;
            case WatchEventType.Deleted:
                _objects.TryRemove(key, out _);
                onChange(type, item);
                break;
            default:
                break;
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

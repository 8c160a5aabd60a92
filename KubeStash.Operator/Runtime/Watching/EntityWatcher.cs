using System.Diagnostics;
using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Entities;
using KubeStash.Operator.Runtime.Hosting;
using KubeStash.Operator.Runtime.Metrics;
using Polly;
using Polly.Retry;

namespace KubeStash.Operator.Runtime.Watching;

/// <summary>
/// Keeps <see cref="EntityCache{TEntity}"/> in step with the API server: list, then watch from the list's resource version
/// (bookmarks on), resume from the last seen version after a dropped connection, re-list after 410 Gone, and back off
/// with jittered exponential delays when reconnecting makes no progress. Every applied change goes to the handlers.
/// </summary>
public sealed class EntityWatcher<TEntity>(
    IEntityClient client,
    EntityCache<TEntity> cache,
    IEnumerable<IEntityEventHandler<TEntity>> handlers,
    EntityWatchScope<TEntity> scope,
    OperatorOptions operatorOptions,
    OperatorMetrics metrics,
    ILogger<EntityWatcher<TEntity>> logger) : IOperatorComponent, IDisposable
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    // A stream that closes this soon without a single event counts as a failure, so a server that keeps hanging up
    // cannot make us reconnect in a tight loop.
    private static readonly TimeSpan MinimumHealthyWatch = TimeSpan.FromSeconds(1);

    private readonly IEntityEventHandler<TEntity>[] handlers = [.. handlers];
    private readonly EntityType type = EntityType.Of<TEntity>();
    private readonly CancellationTokenSource stopping = new();
    private Task? running;
    private string? resumeFrom;
    private int goneInARow;

    public int StartOrder => 100;

    private string? WatchNamespace => scope.ClusterScoped ? null : operatorOptions.Namespace;

    public bool IsReady => cache.HasSynced;

    /// <summary>How many times the watcher listed the collection (the first list included).</summary>
    public int ListCount { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        running = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (running is not null)
        {
            await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => stopping.Dispose();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var options = operatorOptions.Watch;
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => !cancellationToken.IsCancellationRequested),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectBaseDelay,
                MaxDelay = options.ReconnectMaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    metrics.WatchRestarts.WithLabels(type.ToString(), "error").Inc();
                    logger.LogWarning(
                        args.Outcome.Exception,
                        "Watch of {Resource} failed (attempt {Attempt}); reconnecting in {Delay}",
                        type,
                        args.AttemptNumber + 1,
                        args.RetryDelay);
                    return default;
                },
            })
            .Build();

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // Each call starts a fresh backoff sequence: a session returns (rather than throws) once it made progress.
                await pipeline.ExecuteAsync(async token => await RunSessionAsync(token), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunSessionAsync(CancellationToken cancellationToken)
    {
        var progressed = false;
        if (resumeFrom is null)
        {
            resumeFrom = await ListAsync(cancellationToken);
            progressed = true;
        }

        var timeout = operatorOptions.Watch.WatchTimeout * (1 + Random.Shared.NextDouble());
        var clock = Stopwatch.StartNew();
        var sawEvent = false;
        try
        {
            await foreach (var change in client.WatchAsync<TEntity>(
                               WatchNamespace, scope.LabelSelector, resumeFrom, timeout, cancellationToken))
            {
                if (change.Entity.Metadata?.ResourceVersion is { Length: > 0 } seen)
                {
                    resumeFrom = seen;
                }

                progressed = true;
                sawEvent = true;
                goneInARow = 0;
                Apply(change);
            }

            metrics.WatchRestarts.WithLabels(type.ToString(), "closed").Inc();
        }
        catch (KubernetesApiException e) when (e.IsGone)
        {
            metrics.WatchRestarts.WithLabels(type.ToString(), "gone").Inc();
            logger.LogInformation("Watch of {Resource} expired at resource version {ResourceVersion}; re-listing", type, resumeFrom);
            resumeFrom = null;
            if (!sawEvent && ++goneInARow >= 3)
            {
                // A server that answers every fresh list with Gone would otherwise be re-listed in a tight loop.
                throw;
            }

            return;
        }
        catch (Exception e) when ((progressed || clock.Elapsed >= MinimumHealthyWatch) && !cancellationToken.IsCancellationRequested)
        {
            metrics.WatchRestarts.WithLabels(type.ToString(), "dropped").Inc();
            logger.LogInformation(e, "Watch of {Resource} dropped; resuming from {ResourceVersion}", type, resumeFrom);
            return;
        }

        if (!progressed && clock.Elapsed < MinimumHealthyWatch)
        {
            throw new IOException($"The watch of {type} was closed by the server after {clock.Elapsed.TotalMilliseconds:F0} ms without events.");
        }
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var list = await client.ListAsync<TEntity>(WatchNamespace, scope.LabelSelector, cancellationToken);
        ListCount++;
        var keys = new HashSet<ObjectKey>();
        foreach (var entity in list.Items)
        {
            keys.Add(ObjectKey.Of(entity));
        }

        foreach (var gone in cache.RemoveAllExcept(keys))
        {
            Notify(WatchEventType.Deleted, gone, gone);
        }

        foreach (var entity in list.Items)
        {
            Upsert(entity);
        }

        cache.MarkSynced();
        logger.LogDebug("Listed {Count} {Resource} at resource version {ResourceVersion}", list.Items.Count, type, list.Metadata.ResourceVersion);
        return list.Metadata.ResourceVersion is { Length: > 0 } version
            ? version
            : throw new KubernetesApiException($"The list of {type} carries no metadata.resourceVersion to watch from.");
    }

    private void Apply(EntityWatchEvent<TEntity> change)
    {
        switch (change.Type)
        {
            case WatchEventType.Added:
            case WatchEventType.Modified:
                Upsert(change.Entity);
                break;
            case WatchEventType.Deleted:
                var previous = cache.Remove(ObjectKey.Of(change.Entity));
                Notify(WatchEventType.Deleted, previous, change.Entity);
                break;
            case WatchEventType.Bookmark:
            case WatchEventType.Error:
            default:
                break;
        }
    }

    private void Upsert(TEntity entity)
    {
        var previous = cache.Upsert(entity);
        if (previous is not null && previous.Metadata.ResourceVersion == entity.Metadata.ResourceVersion)
        {
            // Already known: a re-list, or the answer to our own write arrived first.
            return;
        }

        Notify(previous is null ? WatchEventType.Added : WatchEventType.Modified, previous, entity);
    }

    private void Notify(WatchEventType eventType, TEntity? previous, TEntity current)
    {
        metrics.WatchEvents.WithLabels(type.ToString(), eventType.ToString()).Inc();
        foreach (var handler in handlers)
        {
            try
            {
                handler.OnEntityEvent(eventType, previous, current);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Handler {Handler} failed on {EventType} of {Resource} {Object}", handler.GetType().Name, eventType, type, ObjectKey.Of(current));
            }
        }
    }
}

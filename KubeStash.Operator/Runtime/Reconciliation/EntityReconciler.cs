using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Controllers;
using KubeStash.Operator.Runtime.Entities;
using KubeStash.Operator.Runtime.Hosting;
using KubeStash.Operator.Runtime.Metrics;
using KubeStash.Operator.Runtime.Queue;
using KubeStash.Operator.Runtime.Watching;

namespace KubeStash.Operator.Runtime.Reconciliation;

/// <summary>
/// Turns cache changes of <typeparamref name="TEntity"/> into calls of its controller and finalizers: level-based (the
/// latest cached state is reconciled, never a stale event), one reconcile per object at a time, bounded concurrency,
/// requeue-after, and backoff retries on failure.
/// </summary>
public sealed class EntityReconciler<TEntity> : IOperatorComponent, IEntityEventHandler<TEntity>, IDisposable
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ControllerRegistration<TEntity> registration;
    private readonly FinalizerRegistration<TEntity>[] finalizers;
    private readonly IServiceProvider services;
    private readonly EntityCache<TEntity> cache;
    private readonly IEntityClient client;
    private readonly OperatorOptions options;
    private readonly OperatorMetrics metrics;
    private readonly ILogger logger;
    private readonly WorkQueue<ObjectKey> queue;
    private readonly ConcurrentDictionary<ObjectKey, TEntity> tombstones = new();

    // The state last reconciled successfully per object, and the keys that must be reconciled even if the object did not
    // change (requeues, retries, owned objects). Together they make a watch event for our own writes — however it races
    // with the write's response — not worth a second reconcile.
    private readonly ConcurrentDictionary<ObjectKey, ReconciledState> handled = new();
    private readonly ConcurrentDictionary<ObjectKey, byte> forced = new();
    private readonly CancellationTokenSource abandon = new();
    private readonly string controllerName;
    private Task[] workers = [];

    public EntityReconciler(
        ControllerRegistration<TEntity> registration,
        IEnumerable<FinalizerRegistration<TEntity>> finalizers,
        IServiceProvider services,
        EntityCache<TEntity> cache,
        IEntityClient client,
        OperatorOptions options,
        OperatorMetrics metrics,
        TimeProvider timeProvider,
        ILogger<EntityReconciler<TEntity>> logger)
    {
        this.registration = registration;
        this.finalizers = [.. finalizers];
        this.services = services;
        this.cache = cache;
        this.client = client;
        this.options = options;
        this.metrics = metrics;
        this.logger = logger;
        controllerName = registration.ControllerType.Name;
        queue = new WorkQueue<ObjectKey>(options.Queue, timeProvider);
        queue.DelayedAddDue += key => forced[key] = 0;
        metrics.Registry.AddBeforeCollectCallback(() => metrics.QueueDepth.WithLabels(controllerName).Set(queue.Depth));
    }

    public int StartOrder => 0;

    public bool IsReady => true;

    /// <summary>Keys ready to be reconciled.</summary>
    public int QueueDepth => queue.Depth;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        workers = [.. Enumerable.Range(0, options.MaxConcurrentReconciles).Select(_ => Task.Run(WorkAsync, CancellationToken.None))];
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.ShutDown();
        try
        {
            await Task.WhenAll(workers).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Shutdown deadline passed with reconciles of {Controller} in flight; cancelling them", controllerName);
            await abandon.CancelAsync();
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Asks for a reconcile of the object (e.g. because something it owns changed).</summary>
    public void Enqueue(ObjectKey key)
    {
        if (key.Namespace is not null && cache.Get(key) is null && cache.Get(key with { Namespace = null }) is not null)
        {
            // Owner references carry no namespace; a cluster-scoped owner is cached without one.
            key = key with { Namespace = null };
        }

        forced[key] = 0;
        queue.Add(key);
    }

    public void OnEntityEvent(WatchEventType type, TEntity? previous, TEntity current)
    {
        var key = ObjectKey.Of(current);
        if (type == WatchEventType.Deleted)
        {
            handled.TryRemove(key, out _);
            tombstones[key] = current;
            queue.Add(key);
            return;
        }

        if (type == WatchEventType.Modified && registration.GenerationChangedOnly && previous is not null && !ChangedBeyondStatus(previous, current))
        {
            return;
        }

        queue.Add(key);
    }

    public void Dispose()
    {
        queue.Dispose();
        abandon.Dispose();
    }

    /// <summary>True when an update touched more than status and metadata bookkeeping.</summary>
    internal static bool ChangedBeyondStatus(TEntity previous, TEntity current)
        => previous.Metadata.Generation != current.Metadata.Generation
           || previous.Metadata.DeletionTimestamp != current.Metadata.DeletionTimestamp
           || !(previous.Metadata.Finalizers ?? []).SequenceEqual(current.Metadata.Finalizers ?? []);

    /// <summary>Whether <paramref name="current"/> differs from the state last reconciled in a way this controller cares about.</summary>
    private bool ChangedSince(ReconciledState last, TEntity current)
        => last.ResourceVersion != current.Metadata.ResourceVersion
           && (!registration.GenerationChangedOnly || last.ChangedBeyondStatus(current));

    private static TEntity Clone(TEntity entity) => KubernetesJson.Deserialize<TEntity>(KubernetesJson.Serialize(entity));

    private async Task WorkAsync()
    {
        while (true)
        {
            ObjectKey key;
            try
            {
                key = await queue.TakeAsync(CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var clock = Stopwatch.StartNew();
            string result;
            try
            {
                result = await ProcessAsync(key, abandon.Token);
            }
            catch (OperationCanceledException) when (abandon.IsCancellationRequested)
            {
                result = "cancelled";
            }
            catch (Exception e)
            {
                var delay = queue.AddRateLimited(key);
                logger.LogError(e, "{Controller} failed on {Kind} {Object}; retrying in {Delay}", controllerName, EntityType.Of<TEntity>().Kind, key, delay);
                result = "error";
            }
            finally
            {
                queue.Done(key);
            }

            metrics.ReconcileDuration.WithLabels(controllerName).Observe(clock.Elapsed.TotalSeconds);
            metrics.Reconciles.WithLabels(controllerName, result).Inc();
        }
    }

    private async Task<string> ProcessAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var cached = cache.Get(key);
        await using var scope = services.CreateAsyncScope();
        if (cached is null)
        {
            forced.TryRemove(key, out _);
            if (!tombstones.TryRemove(key, out var gone))
            {
                queue.Forget(key);
                return "skipped";
            }

            try
            {
                await ResolveController(scope).DeletedAsync(gone, cancellationToken);
            }
            catch
            {
                // Keep the last state so the retry still has something to hand to the controller.
                tombstones.TryAdd(key, gone);
                throw;
            }

            queue.Forget(key);
            return "deleted";
        }

        tombstones.TryRemove(key, out _);
        var mustRun = forced.TryRemove(key, out _);
        if (!mustRun && handled.TryGetValue(key, out var last) && !ChangedSince(last, cached))
        {
            return "unchanged";
        }

        var entity = Clone(cached);
        if (entity.Metadata.DeletionTimestamp is not null)
        {
            return await FinalizeAsync(key, entity, scope, cancellationToken);
        }

        var missing = finalizers.Where(f => entity.Metadata.Finalizers?.Contains(f.Identifier) != true).ToList();
        if (missing.Count > 0)
        {
            var basedOn = entity.Metadata.ResourceVersion;
            entity.Metadata.Finalizers = [.. entity.Metadata.Finalizers ?? [], .. missing.Select(f => f.Identifier)];
            try
            {
                entity = await client.ReplaceAsync(entity, cancellationToken);
            }
            catch (KubernetesApiException e) when (e.IsConflict || e.IsNotFound)
            {
                // The cache is behind; the watch brings the newer state (or the deletion) and the key comes back.
                queue.AddRateLimited(key);
                return "conflict";
            }

            cache.ReplaceIfUnchanged(basedOn, Clone(entity));
        }

        var outcome = await ResolveController(scope).ReconcileAsync(entity, cancellationToken);
        if (outcome.Succeeded)
        {
            handled[key] = ReconciledState.Of(entity);
            queue.Forget(key);
            if (outcome.RequeueAfter is { } after)
            {
                queue.AddAfter(key, after);
                return "requeue";
            }

            return "success";
        }

        if (outcome.RequeueAfter is { } retryAfter)
        {
            queue.AddAfter(key, retryAfter);
            logger.LogWarning("{Controller} reported failure for {Object}: {Error}; retrying in {Delay}", controllerName, key, outcome.Error, retryAfter);
        }
        else
        {
            var delay = queue.AddRateLimited(key);
            logger.LogWarning("{Controller} reported failure for {Object}: {Error}; retrying in {Delay}", controllerName, key, outcome.Error, delay);
        }

        return "failure";
    }

    private async Task<string> FinalizeAsync(ObjectKey key, TEntity entity, AsyncServiceScope scope, CancellationToken cancellationToken)
    {
        var pending = finalizers.Where(f => entity.Metadata.Finalizers?.Contains(f.Identifier) == true).ToList();
        if (pending.Count == 0)
        {
            // Deletion waits for someone else's finalizers; the object's removal will arrive as a watch event.
            queue.Forget(key);
            return "skipped";
        }

        foreach (var registration in pending)
        {
            var finalizer = (IEntityFinalizer<TEntity>)scope.ServiceProvider.GetRequiredService(registration.FinalizerType);
            await finalizer.FinalizeAsync(entity, cancellationToken);
            var basedOn = entity.Metadata.ResourceVersion;
            entity.Metadata.Finalizers = [.. entity.Metadata.Finalizers!.Where(f => f != registration.Identifier)];
            try
            {
                entity = await client.ReplaceAsync(entity, cancellationToken);
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
                return "finalized";
            }
            catch (KubernetesApiException e) when (e.IsConflict)
            {
                // The finalizer ran but its mark could not be removed; it runs again on the fresh state (finalizers are idempotent).
                queue.AddRateLimited(key);
                return "conflict";
            }

            cache.ReplaceIfUnchanged(basedOn, Clone(entity));
            logger.LogInformation("Finalizer {Finalizer} done for {Object}", registration.Identifier, key);
        }

        queue.Forget(key);
        return "finalized";
    }

    private IEntityController<TEntity> ResolveController(AsyncServiceScope scope)
        => (IEntityController<TEntity>)scope.ServiceProvider.GetRequiredService(registration.ControllerType);
}

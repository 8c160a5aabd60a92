using k8s;
using k8s.Models;
using KubeStash.Entities.Core;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Runtime.Client;

namespace KubeStash.Benchmarks.Lifecycle;

/// <summary>
/// The benchmark's own watches (as a user's <c>kubectl get -w</c> would see the cluster): when each BackupConfiguration
/// first reported phase Ready, each Repository first reported phase Ready, each trigger CronJob and each backup Job first
/// existed. Watching rather than polling keeps the driver's load on the API server small and the timestamps exact.
/// </summary>
internal sealed class LifecycleObserver(IEntityClient client) : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> watches = [];

    public FirstSeen ReadyConfigurations { get; } = new();

    public FirstSeen ReadyRepositories { get; } = new();

    public FirstSeen CronJobs { get; } = new();

    public FirstSeen Jobs { get; } = new();

    public void Start()
    {
        watches.Add(WatchAsync<BackupConfiguration>(c => c.Status.Phase == BackupInvokerPhase.Ready, ReadyConfigurations));
        watches.Add(WatchAsync<Repository>(r => r.Status.Phase == RepositoryPhase.Ready, ReadyRepositories));
        watches.Add(WatchAsync<V1CronJob>(_ => true, CronJobs));
        watches.Add(WatchAsync<V1Job>(_ => true, Jobs));
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(watches).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private Task WatchAsync<TEntity>(Func<TEntity, bool> counts, FirstSeen into)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => Task.Run(async () =>
        {
            var token = stopping.Token;
            string? resourceVersion = null;
            while (!token.IsCancellationRequested)
            {
                try
                {
                    if (resourceVersion is null)
                    {
                        var list = await client.ListAsync<TEntity>(null, null, token);
                        foreach (var item in list.Items.Where(counts))
                        {
                            into.Mark(Key(item));
                        }

                        resourceVersion = list.Metadata.ResourceVersion;
                    }

                    await foreach (var change in client.WatchAsync<TEntity>(null, null, resourceVersion, TimeSpan.FromMinutes(5), token))
                    {
                        resourceVersion = change.Entity.Metadata?.ResourceVersion ?? resourceVersion;
                        if (change.Type is WatchEventType.Added or WatchEventType.Modified && counts(change.Entity))
                        {
                            into.Mark(Key(change.Entity));
                        }
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (KubernetesApiException e) when (e.IsGone)
                {
                    resourceVersion = null;
                }
            }
        });

    private static string Key(IKubernetesObject<V1ObjectMeta> entity) => $"{entity.Metadata.NamespaceProperty}/{entity.Metadata.Name}";
}

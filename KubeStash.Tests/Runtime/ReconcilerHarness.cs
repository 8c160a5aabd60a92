using System.Threading.Channels;
using k8s;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Entities;
using KubeStash.Operator.Runtime.Hosting;
using KubeStash.Operator.Runtime.Metrics;
using KubeStash.Operator.Runtime.Queue;
using KubeStash.Operator.Runtime.Reconciliation;
using KubeStash.Operator.Runtime.Watching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeStash.Tests.Runtime;

/// <summary>
/// An <see cref="EntityReconciler{TEntity}"/> for <see cref="TestWidget"/> over <see cref="InMemoryEntityClient"/>, whose
/// changes are delivered to the cache and the reconciler asynchronously and in order, as a watch would.
/// </summary>
public sealed class ReconcilerHarness : IAsyncDisposable
{
    private readonly Channel<(WatchEventType Type, string Json)> feed = Channel.CreateUnbounded<(WatchEventType, string)>();
    private readonly ServiceProvider provider;
    private readonly Task feeding;

    public ReconcilerHarness(
        Type controllerType,
        bool generationChangedOnly = false,
        int maxConcurrentReconciles = 4,
        Action<IServiceCollection>? configure = null,
        params (string Id, Type Type)[] finalizers)
    {
        Client.Changed += (type, json) => feed.Writer.TryWrite((type, json));
        var services = new ServiceCollection();
        services.AddSingleton(Log);
        services.AddSingleton<IEntityClient>(Client);
        services.AddSingleton(new StatusWriter(Client, NullLogger<StatusWriter>.Instance));
        services.AddScoped(controllerType);
        foreach (var finalizer in finalizers)
        {
            services.AddScoped(finalizer.Type);
        }

        configure?.Invoke(services);
        provider = services.BuildServiceProvider();
        var options = new OperatorOptions
        {
            MaxConcurrentReconciles = maxConcurrentReconciles,
            Queue = new WorkQueueOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(200) },
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        };
        Reconciler = new EntityReconciler<TestWidget>(
            new ControllerRegistration<TestWidget>(controllerType, generationChangedOnly),
            [.. finalizers.Select(f => new FinalizerRegistration<TestWidget>(f.Id, f.Type))],
            provider,
            Cache,
            Client,
            options,
            new OperatorMetrics(),
            TimeProvider.System,
            NullLogger<EntityReconciler<TestWidget>>.Instance);
        feeding = Task.Run(FeedAsync);
    }

    public InMemoryEntityClient Client { get; } = new();

    public EntityCache<TestWidget> Cache { get; } = new();

    public CallLog Log { get; } = new();

    public EntityReconciler<TestWidget> Reconciler { get; }

    public StatusWriter StatusWriter => provider.GetRequiredService<StatusWriter>();

    public Task StartAsync() => Reconciler.StartAsync(CancellationToken.None);

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/> after the timeout.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, int timeoutMilliseconds = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Reconciler.StopAsync(deadline.Token);
        Reconciler.Dispose();
        feed.Writer.TryComplete();
        await feeding;
        await provider.DisposeAsync();
    }

    private async Task FeedAsync()
    {
        await foreach (var (type, json) in feed.Reader.ReadAllAsync())
        {
            var entity = KubernetesJson.Deserialize<TestWidget>(json);
            if (type == WatchEventType.Deleted)
            {
                var previous = Cache.Remove(ObjectKey.Of(entity));
                Reconciler.OnEntityEvent(WatchEventType.Deleted, previous, entity);
                continue;
            }

            var replaced = Cache.Upsert(entity);
            if (replaced?.Metadata.ResourceVersion == entity.Metadata.ResourceVersion)
            {
                continue;
            }

            Reconciler.OnEntityEvent(replaced is null ? WatchEventType.Added : WatchEventType.Modified, replaced, entity);
        }
    }
}

using System.Collections.Concurrent;
using k8s;
using KubeStash.Operator.Runtime.Entities;
using KubeStash.Operator.Runtime.Hosting;
using KubeStash.Operator.Runtime.Metrics;
using KubeStash.Operator.Runtime.Watching;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeStash.Tests.Runtime;

/// <summary>List-then-watch against a scripted store: resume after drops, re-list after 410 Gone, deletions seen on re-list.</summary>
public sealed class EntityWatcherTests
{
    private static (EntityWatcher<TestWidget> Watcher, EntityCache<TestWidget> Cache, RecordingHandler Handler, OperatorMetrics Metrics) NewWatcher(InMemoryEntityClient client)
    {
        var cache = new EntityCache<TestWidget>();
        var handler = new RecordingHandler();
        var metrics = new OperatorMetrics();
        var options = new OperatorOptions
        {
            Watch = new WatchOptions
            {
                WatchTimeout = TimeSpan.FromSeconds(30),
                ReconnectBaseDelay = TimeSpan.FromMilliseconds(10),
                ReconnectMaxDelay = TimeSpan.FromMilliseconds(100),
            },
        };
        var watcher = new EntityWatcher<TestWidget>(
            client, cache, [handler], new EntityWatchScope<TestWidget>(null), options, metrics, NullLogger<EntityWatcher<TestWidget>>.Instance);
        return (watcher, cache, handler, metrics);
    }

    private static async Task<Dictionary<string, string>> StoredVersionsAsync(InMemoryEntityClient client)
        => (await client.ListAsync<TestWidget>(null, null, CancellationToken.None)).Items
            .ToDictionary(w => w.Metadata.Name, w => w.Metadata.ResourceVersion);

    private static Dictionary<string, string> CachedVersions(EntityCache<TestWidget> cache)
        => cache.List().ToDictionary(w => w.Metadata.Name, w => w.Metadata.ResourceVersion);

    [Test]
    public async Task The_cache_follows_creates_updates_and_deletes()
    {
        var client = new InMemoryEntityClient();
        await client.CreateAsync(TestWidget.Create("before"), CancellationToken.None);
        var (watcher, cache, handler, _) = NewWatcher(client);
        await watcher.StartAsync(CancellationToken.None);
        await ReconcilerHarness.EventuallyAsync(() => cache.HasSynced && cache.Count == 1, "initial list");

        await client.CreateAsync(TestWidget.Create("after"), CancellationToken.None);
        client.UpdateSpec<TestWidget>("before", "default", spec => spec["size"] = 9);
        await client.DeleteAsync<TestWidget>("after", "default", CancellationToken.None);

        await ReconcilerHarness.EventuallyAsync(() => handler.Events.Count == 4, "four events");
        handler.Events.Should().Equal("Added:before", "Added:after", "Modified:before", "Deleted:after");
        cache.Get("before", "default")!.Spec.Size.Should().Be(9);
        cache.Get("after", "default").Should().BeNull();
        await watcher.StopAsync(CancellationToken.None);
        watcher.Dispose();
    }

    [Test]
    public async Task No_change_is_lost_when_watches_keep_dropping_and_history_is_compacted()
    {
        var client = new InMemoryEntityClient();
        var (watcher, cache, handler, metrics) = NewWatcher(client);
        await watcher.StartAsync(CancellationToken.None);
        await ReconcilerHarness.EventuallyAsync(() => cache.HasSynced, "initial list");
        client.DropWatchesAfter(3);

        for (var i = 0; i < 40; i++)
        {
            await client.CreateAsync(TestWidget.Create($"w{i}"), CancellationToken.None);
            if (i % 4 == 0)
            {
                client.UpdateSpec<TestWidget>($"w{i}", "default", spec => spec["size"] = 7);
            }

            if (i % 5 == 0 && i > 0)
            {
                await client.DeleteAsync<TestWidget>($"w{i - 1}", "default", CancellationToken.None);
            }

            if (i == 20)
            {
                // Changes made while the history is gone can only be learnt by listing again.
                client.Compact();
                await client.DeleteAsync<TestWidget>("w3", "default", CancellationToken.None);
                client.Compact();
            }

            await Task.Delay(2);
        }

        var expected = await StoredVersionsAsync(client);
        await ReconcilerHarness.EventuallyAsync(
            () => CachedVersions(cache).OrderBy(p => p.Key).SequenceEqual(expected.OrderBy(p => p.Key)), "cache equal to the store", 10_000);
        watcher.ListCount.Should().BeGreaterThanOrEqualTo(2, "410 Gone forces a re-list");
        client.WatchRequests.Should().BeGreaterThan(5, "dropped watches are re-established");
        handler.Events.Should().Contain("Deleted:w3", "a deletion that happened while history was compacted shows up on re-list");
        metrics.WatchRestarts.WithLabels(EntityType.Of<TestWidget>().ToString(), "gone").Value.Should().BeGreaterThanOrEqualTo(1);
        await watcher.StopAsync(CancellationToken.None);
        watcher.Dispose();
    }

    private sealed class RecordingHandler : IEntityEventHandler<TestWidget>
    {
        private readonly ConcurrentQueue<string> events = new();

        public IReadOnlyList<string> Events => [.. events];

        public void OnEntityEvent(WatchEventType type, TestWidget? previous, TestWidget current)
            => events.Enqueue($"{type}:{current.Metadata.Name}");
    }
}

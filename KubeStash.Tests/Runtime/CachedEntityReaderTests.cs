using k8s;
using k8s.Models;
using KubeStash.LocalCluster;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Hosting;
using KubeStash.Operator.Runtime.Watching;
using Microsoft.Extensions.DependencyInjection;

namespace KubeStash.Tests.Runtime;

/// <summary>
/// Where <see cref="CachedEntityReader"/> reads from, against LocalCluster over HTTP: the tests put objects in the cache
/// that the server does not have (and the other way round), so every answer shows which of the two was asked.
/// </summary>
public sealed class CachedEntityReaderTests
{
    private LocalClusterServer cluster = null!;
    private Kubernetes kubernetes = null!;
    private KubernetesEntityClient client = null!;

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        cluster = new LocalClusterServer();
        await cluster.StartAsync();
        kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.BaseAddress.ToString().TrimEnd('/') });
        client = new KubernetesEntityClient(kubernetes);
        await cluster.LoadYamlAsync("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: team-b
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: on-server
              namespace: default
              labels: {app: shop}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: on-server
              namespace: team-b
            """);
    }

    [OneTimeTearDown]
    public async Task StopClusterAsync()
    {
        kubernetes.Dispose();
        await cluster.DisposeAsync();
    }

    [Test]
    public async Task Reads_go_to_the_API_server_until_the_cache_has_synced()
    {
        var (reader, cache) = Reader(synced: false);
        cache.Upsert(ConfigMap("cached-only", "default"));

        (await reader.GetAsync<V1ConfigMap>("on-server", "default", CancellationToken.None)).Should().NotBeNull();
        (await reader.GetAsync<V1ConfigMap>("cached-only", "default", CancellationToken.None)).Should().BeNull();
        (await reader.ListAsync<V1ConfigMap>("default", null, CancellationToken.None)).Select(c => c.Metadata.Name).Should().Contain("on-server").And.NotContain("cached-only");
    }

    [Test]
    public async Task Once_synced_reads_come_from_the_cache_as_private_copies()
    {
        var (reader, cache) = Reader(synced: true);
        cache.Upsert(ConfigMap("cached-only", "default"));

        (await reader.GetAsync<V1ConfigMap>("on-server", "default", CancellationToken.None)).Should().BeNull("the cache does not hold it");
        var copy = await reader.GetAsync<V1ConfigMap>("cached-only", "default", CancellationToken.None);
        copy!.Data["key"] = "changed by the caller";
        cache.Get("cached-only", "default")!.Data["key"].Should().Be("value", "a caller's change must not reach the cache");
        (await reader.GetSharedAsync<V1ConfigMap>("cached-only", "default", CancellationToken.None)).Should().BeSameAs(cache.Get("cached-only", "default"));
    }

    [Test]
    public async Task Lists_from_the_cache_keep_the_objects_carrying_every_label_asked_for_in_name_order()
    {
        var (reader, cache) = Reader(synced: true);
        cache.Upsert(ConfigMap("b-shop-web", "default", ("app", "shop"), ("tier", "web")));
        cache.Upsert(ConfigMap("a-shop-db", "default", ("app", "shop"), ("tier", "db")));
        cache.Upsert(ConfigMap("c-blog-web", "default", ("app", "blog"), ("tier", "web")));
        cache.Upsert(ConfigMap("d-shop-web-elsewhere", "team-b", ("app", "shop"), ("tier", "web")));

        var shop = await reader.ListAsync<V1ConfigMap>("default", new Dictionary<string, string> { ["app"] = "shop" }, CancellationToken.None);
        shop.Select(c => c.Metadata.Name).Should().Equal("a-shop-db", "b-shop-web");
        var web = await reader.ListAsync<V1ConfigMap>(null, new Dictionary<string, string> { ["app"] = "shop", ["tier"] = "web" }, CancellationToken.None);
        web.Select(c => $"{c.Metadata.NamespaceProperty}/{c.Metadata.Name}").Should().Equal("default/b-shop-web", "team-b/d-shop-web-elsewhere");
    }

    [Test]
    public async Task A_namespace_bound_operator_reads_other_namespaces_from_the_API_server()
    {
        var (reader, cache) = Reader(synced: true, watchNamespace: "default");
        cache.Upsert(ConfigMap("cached-only", "default"));

        (await reader.GetAsync<V1ConfigMap>("cached-only", "default", CancellationToken.None)).Should().NotBeNull();
        (await reader.GetAsync<V1ConfigMap>("on-server", "team-b", CancellationToken.None)).Should().NotBeNull("team-b is not cached");
        (await reader.ListAsync<V1ConfigMap>(null, null, CancellationToken.None)).Select(c => c.Metadata.Name).Should().Contain("on-server").And.NotContain("cached-only");
    }

    [Test]
    public async Task A_type_watched_with_a_label_selector_or_not_at_all_is_read_from_the_API_server()
    {
        var (selective, cache) = Reader(synced: true, labelSelector: "app=shop");
        cache.Upsert(ConfigMap("cached-only", "default"));
        (await selective.GetAsync<V1ConfigMap>("cached-only", "default", CancellationToken.None)).Should().BeNull();
        (await selective.ListAsync<V1ConfigMap>("default", new Dictionary<string, string> { ["app"] = "shop" }, CancellationToken.None))
            .Select(c => c.Metadata.Name).Should().Equal("on-server");

        var (reader, _) = Reader(synced: true);
        (await reader.GetAsync<V1Namespace>("team-b", null, CancellationToken.None)).Should().NotBeNull("namespaces are not watched here");
    }

    private (CachedEntityReader Reader, EntityCache<V1ConfigMap> Cache) Reader(bool synced, string? watchNamespace = null, string? labelSelector = null)
    {
        var cache = new EntityCache<V1ConfigMap>();
        if (synced)
        {
            cache.MarkSynced();
        }

        var services = new ServiceCollection()
            .AddSingleton(cache)
            .AddSingleton(new EntityWatchScope<V1ConfigMap>(labelSelector))
            .BuildServiceProvider();
        return (new CachedEntityReader(services, client, new OperatorOptions { Namespace = watchNamespace }), cache);
    }

    private static V1ConfigMap ConfigMap(string name, string @namespace, params (string Key, string Value)[] labels) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = @namespace,
            ResourceVersion = "1",
            Labels = labels.Length == 0 ? null : labels.ToDictionary(l => l.Key, l => l.Value),
        },
        Data = new Dictionary<string, string> { ["key"] = "value" },
    };
}

using k8s;
using KubeStash.Entities.Addons;
using KubeStash.Entities.Storage;
using KubeStash.LocalCluster;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Hosting;
using KubeStash.Operator.Runtime.Metrics;
using KubeStash.Operator.Runtime.Watching;
using KubeStash.Tests.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeStash.Tests.Runtime;

/// <summary>
/// A cluster-scoped type (KubeStash's Addon) is watched and read cluster-wide even by an operator bound to one namespace,
/// against LocalCluster over HTTP with the generated CRDs.
/// </summary>
public sealed class ClusterScopedWatchTests
{
    [Test]
    public void Watches_registers_the_scope_the_entity_declares()
    {
        var services = new ServiceCollection();
        services.AddKubernetesOperator(_ => { }).Watches<Addon>().Watches<RetentionPolicy>();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<EntityWatchScope<Addon>>().ClusterScoped.Should().BeTrue();
        provider.GetRequiredService<EntityWatchScope<RetentionPolicy>>().ClusterScoped.Should().BeFalse();
    }

    [Test]
    public async Task A_namespace_bound_operator_watches_and_reads_a_cluster_scoped_type_cluster_wide()
    {
        await using var cluster = new LocalClusterServer();
        await cluster.StartAsync();
        var samples = Path.Combine(RepositoryRoot.Path, "config");
        await cluster.LoadManifestsAsync(Path.Combine(samples, "crd", "bases", "addons.kubestash.com_addons.yaml"));
        await cluster.LoadManifestsAsync(Path.Combine(samples, "samples", "addons_v1alpha1_addon_kubedump.yaml"));
        using var kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.BaseAddress.ToString().TrimEnd('/') });
        var client = new KubernetesEntityClient(kubernetes);
        var options = new OperatorOptions { Namespace = "default" };
        var cache = new EntityCache<Addon>();
        var scope = new EntityWatchScope<Addon>(null, ClusterScoped: true);
        using var watcher = new EntityWatcher<Addon>(client, cache, [], scope, options, new OperatorMetrics(), NullLogger<EntityWatcher<Addon>>.Instance);
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            await ReconcilerHarness.EventuallyAsync(() => cache.HasSynced && cache.Get("kubedump-addon", null) is not null, "the Addon listed into the cache");

            var services = new ServiceCollection().AddSingleton(cache).AddSingleton(scope).BuildServiceProvider();
            var reader = new CachedEntityReader(services, client, options);
            cache.Upsert(new Addon { ApiVersion = "addons.kubestash.com/v1alpha1", Kind = "Addon", Metadata = new() { Name = "cached-only", ResourceVersion = "1" } });
            (await reader.GetAsync<Addon>("cached-only", null, CancellationToken.None)).Should().NotBeNull("a cluster-scoped type is read from the cache whatever namespace the operator is bound to");
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
    }
}

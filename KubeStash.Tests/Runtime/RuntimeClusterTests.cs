using k8s;
using k8s.Models;
using KubeStash.LocalCluster;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Hosting;
using KubeStash.Operator.Runtime.Metrics;
using KubeStash.Operator.Runtime.Watching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeStash.Tests.Runtime;

/// <summary>The operator runtime against LocalCluster over HTTP: one namespace per test, one operator per test.</summary>
public sealed class RuntimeClusterTests
{
    private LocalClusterServer cluster = null!;
    private Kubernetes kubernetes = null!;
    private KubernetesEntityClient user = null!;

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        cluster = new LocalClusterServer();
        await cluster.StartAsync();
        await cluster.LoadYamlAsync(TestWidgetCrd.Yaml);
        kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.BaseAddress.ToString().TrimEnd('/') });
        user = new KubernetesEntityClient(kubernetes);
    }

    [OneTimeTearDown]
    public async Task StopClusterAsync()
    {
        kubernetes.Dispose();
        await cluster.DisposeAsync();
    }

    [TearDown]
    public void ClearFaults() => cluster.Faults.Reset();

    private async Task<string> NamespaceAsync(string name)
    {
        await kubernetes.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    private Task<TestWidget?> GetAsync(string name, string ns) => user.GetAsync<TestWidget>(name, ns, CancellationToken.None);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int timeoutMilliseconds = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(25);
        }
    }

    private async Task<bool> ReconciledAsync(string name, string ns)
        => await GetAsync(name, ns) is { } w && w.Status.ObservedGeneration == w.Metadata.Generation && w.Status.ObservedSize == w.Spec.Size;

    [Test]
    public async Task Create_update_and_delete_drive_reconcile_finalize_and_deleted_exactly_once_each()
    {
        var ns = await NamespaceAsync("lifecycle");
        await using var op = await TestOperator.StartAsync(cluster, ns);

        await user.CreateAsync(TestWidget.Create("w1", ns, size: 1), CancellationToken.None);
        await EventuallyAsync(() => ReconciledAsync("w1", ns), "first reconcile reported in status");
        (await GetAsync("w1", ns))!.Metadata.Finalizers.Should().Equal(TestOperator.Finalizer);

        var widget = (await GetAsync("w1", ns))!;
        widget.Spec.Size = 2;
        await user.ReplaceAsync(widget, CancellationToken.None);
        await EventuallyAsync(() => ReconciledAsync("w1", ns), "reconcile of the update");

        // A status-only write (by anyone) must not wake a controller that opted into generation changes only.
        widget = (await GetAsync("w1", ns))!;
        widget.Status.Phase = "Tampered";
        await user.ReplaceStatusAsync(widget, CancellationToken.None);
        await Task.Delay(500);
        (await GetAsync("w1", ns))!.Status.Phase.Should().Be("Tampered");

        await user.DeleteAsync<TestWidget>("w1", ns, CancellationToken.None);
        await EventuallyAsync(async () => await GetAsync("w1", ns) is null, "object gone");
        await EventuallyAsync(() => Task.FromResult(op.Log.Count("deleted:w1:solo") == 1), "deleted callback");
        await Task.Delay(300);

        op.Log.Calls.Should().Equal("reconcile:w1:1:solo", "reconcile:w1:2:solo", "finalize:w1", "deleted:w1:solo");
    }

    [Test]
    public async Task A_throwing_finalizer_is_retried_and_the_object_stays_until_it_succeeds()
    {
        var ns = await NamespaceAsync("stubborn");
        await using var op = await TestOperator.StartAsync(cluster, ns, finalizerFailures: 3);
        await user.CreateAsync(TestWidget.Create("w1", ns), CancellationToken.None);
        await EventuallyAsync(() => ReconciledAsync("w1", ns), "reconciled");

        await user.DeleteAsync<TestWidget>("w1", ns, CancellationToken.None);
        await EventuallyAsync(() => Task.FromResult(op.Log.Count("finalize-failed:w1") >= 2), "finalizer failed twice");
        var held = await GetAsync("w1", ns);
        held.Should().NotBeNull("the object is kept while its finalizer fails");
        held!.Metadata.DeletionTimestamp.Should().NotBeNull();
        held.Metadata.Finalizers.Should().Contain(TestOperator.Finalizer);

        await EventuallyAsync(async () => await GetAsync("w1", ns) is null, "object gone once the finalizer succeeded");
        op.Log.Count("finalize-failed:w1").Should().Be(3);
        op.Log.Count("finalize:w1").Should().Be(1);
    }

    [Test]
    public async Task No_change_is_lost_when_watches_drop_every_second_and_a_410_forces_a_relist()
    {
        var ns = await NamespaceAsync("faulty");
        cluster.Faults.WatchCutInterval = TimeSpan.FromSeconds(1);
        await using var op = await TestOperator.StartAsync(cluster, ns);
        for (var i = 0; i < 40; i++)
        {
            await user.CreateAsync(TestWidget.Create($"w{i}", ns, size: 1), CancellationToken.None);
        }

        for (var i = 0; i < 40; i += 2)
        {
            var widget = (await GetAsync($"w{i}", ns))!;
            widget.Spec.Size = 5;
            await user.ReplaceAsync(widget, CancellationToken.None);
        }

        await EventuallyAsync(async () => (await Task.WhenAll(Enumerable.Range(0, 40).Select(i => ReconciledAsync($"w{i}", ns)))).All(ok => ok), "first wave reconciled");

        // Advance the cluster's resource version with changes the operator does not watch, then forget all history:
        // the operator's next watch resumes from a version that is gone and must re-list.
        await kubernetes.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "elsewhere" } }, "default");
        cluster.Faults.CompactHistory();
        await Task.Delay(1500);
        for (var i = 40; i < 60; i++)
        {
            await user.CreateAsync(TestWidget.Create($"w{i}", ns, size: 3), CancellationToken.None);
        }

        for (var i = 1; i < 40; i += 2)
        {
            var widget = (await GetAsync($"w{i}", ns))!;
            widget.Spec.Size = 7;
            await user.ReplaceAsync(widget, CancellationToken.None);
        }

        await EventuallyAsync(
            async () => (await Task.WhenAll(Enumerable.Range(0, 60).Select(i => ReconciledAsync($"w{i}", ns)))).All(ok => ok),
            "every object reconciled in its final state",
            20_000);
        var watcher = op.Services.GetRequiredService<EntityWatcher<TestWidget>>();
        watcher.ListCount.Should().BeGreaterThanOrEqualTo(2, "the 410 forced a re-list");
        var metrics = op.Services.GetRequiredService<OperatorMetrics>();
        var resource = KubeStash.Operator.Runtime.Entities.EntityType.Of<TestWidget>().ToString();
        metrics.WatchRestarts.WithLabels(resource, "gone").Value.Should().BeGreaterThanOrEqualTo(1);
        new[] { "closed", "dropped", "error", "gone" }.Sum(reason => metrics.WatchRestarts.WithLabels(resource, reason).Value)
            .Should().BeGreaterThanOrEqualTo(2, "watches were cut every second");
    }

    [Test]
    public async Task A_status_write_that_conflicts_is_retried_on_the_fresh_object_and_lands()
    {
        var ns = await NamespaceAsync("contended");
        var created = await user.CreateAsync(TestWidget.Create("w1", ns), CancellationToken.None);
        var writer = new StatusWriter(user, NullLogger<StatusWriter>.Instance);
        var attempts = 0;

        var written = await writer.UpdateStatusAsync(created, w =>
        {
            if (++attempts == 1)
            {
                // Someone else changes the object between our read and our write.
                var other = GetAsync("w1", ns).GetAwaiter().GetResult()!;
                other.Metadata.Labels = new Dictionary<string, string> { ["touched"] = "yes" };
                user.ReplaceAsync(other, CancellationToken.None).GetAwaiter().GetResult();
            }

            w.Status.Phase = "Ready";
        }, CancellationToken.None);

        attempts.Should().Be(2);
        written.Status.Phase.Should().Be("Ready");
        var stored = (await GetAsync("w1", ns))!;
        stored.Status.Phase.Should().Be("Ready");
        stored.Metadata.Labels.Should().Contain("touched", "yes", "the concurrent change is kept");
    }

    [Test]
    public async Task A_change_to_an_owned_object_reconciles_its_owner()
    {
        var ns = await NamespaceAsync("owners");
        await using var op = await TestOperator.StartAsync(cluster, ns, register: b => b.AddController<WidgetController, TestWidget>(c =>
        {
            c.GenerationChangedOnly = true;
            c.Owns<V1ConfigMap>();
        }));
        var widget = await user.CreateAsync(TestWidget.Create("w1", ns), CancellationToken.None);
        await EventuallyAsync(() => ReconciledAsync("w1", ns), "reconciled");
        op.Log.Count("reconcile:w1:1:solo").Should().Be(1);

        await kubernetes.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap
            {
                Metadata = new V1ObjectMeta
                {
                    Name = "w1-data",
                    OwnerReferences = [new V1OwnerReference { ApiVersion = widget.ApiVersion, Kind = "TestWidget", Name = "w1", Uid = widget.Metadata.Uid }],
                },
            },
            ns);
        await EventuallyAsync(() => Task.FromResult(op.Log.Count("reconcile:w1:1:solo") == 2), "owner reconciled after its ConfigMap appeared");
        op.Services.GetRequiredService<IEntityCache<V1ConfigMap>>().ListOwnedBy(widget.Metadata.Uid).Should().ContainSingle();
    }

    [Test]
    public async Task Repeated_events_are_recorded_once_with_a_rising_count()
    {
        var ns = await NamespaceAsync("eventful");
        await using var op = await TestOperator.StartAsync(cluster, ns);
        var widget = TestWidget.Create("w1", ns);
        widget.Spec.Message = "announce";
        await user.CreateAsync(widget, CancellationToken.None);
        await EventuallyAsync(() => ReconciledAsync("w1", ns), "reconciled");
        widget = (await GetAsync("w1", ns))!;
        widget.Spec.Size = 9;
        await user.ReplaceAsync(widget, CancellationToken.None);
        await EventuallyAsync(() => ReconciledAsync("w1", ns), "reconciled again");

        await EventuallyAsync(async () => (await kubernetes.CoreV1.ListNamespacedEventAsync(ns)).Items.FirstOrDefault()?.Count == 2, "event counted twice");
        var events = (await kubernetes.CoreV1.ListNamespacedEventAsync(ns)).Items;
        events.Should().ContainSingle();
        var recorded = events[0];
        recorded.Reason.Should().Be("Announced");
        recorded.Type.Should().Be("Normal");
        recorded.InvolvedObject.Name.Should().Be("w1");
        recorded.InvolvedObject.Kind.Should().Be("TestWidget");
        recorded.Source.Component.Should().Be("widget-operator");
    }

    [Test]
    public async Task Only_the_leader_reconciles_and_a_stopped_leader_hands_over_within_the_lease_duration()
    {
        var ns = await NamespaceAsync("elected");
        var leaseDuration = TimeSpan.FromSeconds(3);
        void Election(OperatorOptions options, string identity) => options.LeaderElection = new()
        {
            Enabled = true,
            LeaseNamespace = ns,
            LeaseName = "widget-operator-leader",
            Identity = identity,
            LeaseDuration = leaseDuration,
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(300),
        };

        await using var first = await TestOperator.StartAsync(cluster, ns, configure: o => Election(o, "first"), instance: "first");
        await EventuallyAsync(() => Task.FromResult(first.Services.GetRequiredService<OperatorRuntime>().IsLeading), "first instance leads");
        await using var second = await TestOperator.StartAsync(cluster, ns, configure: o => Election(o, "second"), instance: "second");

        for (var i = 0; i < 5; i++)
        {
            await user.CreateAsync(TestWidget.Create($"w{i}", ns), CancellationToken.None);
        }

        await EventuallyAsync(async () => (await Task.WhenAll(Enumerable.Range(0, 5).Select(i => ReconciledAsync($"w{i}", ns)))).All(ok => ok), "reconciled");
        await Task.Delay(500);
        first.Log.Calls.Should().HaveCount(5).And.OnlyContain(c => c.EndsWith(":first", StringComparison.Ordinal));
        second.Log.Calls.Should().BeEmpty("a follower does not reconcile");
        second.Services.GetRequiredService<OperatorRuntime>().IsLeading.Should().BeFalse();

        await first.StopAsync();
        var stopped = DateTime.UtcNow;
        await EventuallyAsync(() => Task.FromResult(second.Services.GetRequiredService<OperatorRuntime>().IsLeading), "second instance takes over");
        (DateTime.UtcNow - stopped).Should().BeLessThan(leaseDuration);

        await user.CreateAsync(TestWidget.Create("after", ns), CancellationToken.None);
        await EventuallyAsync(() => ReconciledAsync("after", ns), "reconciled by the new leader");
        second.Log.Calls.Should().Contain("reconcile:after:1:second");
        var lease = await kubernetes.CoordinationV1.ReadNamespacedLeaseAsync("widget-operator-leader", ns);
        lease.Spec.HolderIdentity.Should().Be("second");
    }

    [Test]
    public async Task A_leader_that_stops_renewing_is_replaced_once_its_lease_expires()
    {
        var ns = await NamespaceAsync("crashed");
        var leaseDuration = TimeSpan.FromSeconds(3);
        void Election(OperatorOptions options, string identity) => options.LeaderElection = new()
        {
            Enabled = true,
            LeaseNamespace = ns,
            LeaseName = "widget-operator-leader",
            Identity = identity,
            LeaseDuration = leaseDuration,
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(300),
        };

        await using var first = await TestOperator.StartAsync(cluster, ns, configure: o => Election(o, "first"), instance: "first");
        await EventuallyAsync(() => Task.FromResult(first.Services.GetRequiredService<OperatorRuntime>().IsLeading), "first instance leads");
        await using var second = await TestOperator.StartAsync(cluster, ns, configure: o => Election(o, "second"), instance: "second");
        await Task.Delay(500);

        // The leader loses the API server (its client is gone): it can neither renew nor release the lease.
        first.Services.GetRequiredService<Kubernetes>().Dispose();
        var lost = DateTime.UtcNow;
        await EventuallyAsync(() => Task.FromResult(second.Services.GetRequiredService<OperatorRuntime>().IsLeading), "second instance takes over");
        var handover = DateTime.UtcNow - lost;
        await EventuallyAsync(() => Task.FromResult(!first.Services.GetRequiredService<OperatorRuntime>().IsLeading), "the old leader stands down");

        handover.Should().BeGreaterThan(TimeSpan.FromSeconds(1), "the lease is still valid for a while after the last renewal");
        handover.Should().BeLessThan(leaseDuration + TimeSpan.FromSeconds(2), "lease duration plus one retry period and some slack");
        await user.CreateAsync(TestWidget.Create("after", ns), CancellationToken.None);
        await EventuallyAsync(() => ReconciledAsync("after", ns), "reconciled by the new leader");
        second.Log.Calls.Should().Contain("reconcile:after:1:second");
        first.Log.Calls.Should().NotContain(c => c.StartsWith("reconcile:after", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_cluster_wide_operator_with_a_label_selector_reconciles_matching_objects_in_every_namespace_only()
    {
        var first = await NamespaceAsync("selected-a");
        var second = await NamespaceAsync("selected-b");
        await using var op = await TestOperator.StartAsync(
            cluster,
            @namespace: null,
            register: b => b.AddController<WidgetController, TestWidget>(c =>
            {
                c.GenerationChangedOnly = true;
                c.LabelSelector = "runtime.test.example.com/pick=yes";
            }));
        TestWidget Labelled(string name, string ns)
        {
            var widget = TestWidget.Create(name, ns);
            widget.Metadata.Labels = new Dictionary<string, string> { ["runtime.test.example.com/pick"] = "yes" };
            return widget;
        }

        await user.CreateAsync(Labelled("picked", first), CancellationToken.None);
        await user.CreateAsync(Labelled("picked", second), CancellationToken.None);
        await user.CreateAsync(TestWidget.Create("ignored", first), CancellationToken.None);

        await EventuallyAsync(async () => await ReconciledAsync("picked", first) && await ReconciledAsync("picked", second), "labelled widgets reconciled");
        await Task.Delay(500);
        (await GetAsync("ignored", first))!.Status.ObservedGeneration.Should().BeNull("objects outside the selector are not watched");
        op.Log.Calls.Should().BeEquivalentTo("reconcile:picked:1:solo", "reconcile:picked:1:solo");
    }
}

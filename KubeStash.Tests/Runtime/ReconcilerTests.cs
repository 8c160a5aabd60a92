using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Controllers;
using Microsoft.Extensions.DependencyInjection;

namespace KubeStash.Tests.Runtime;

/// <summary>The reconcile/finalize/delete logic of the runtime over in-memory objects (no API server involved).</summary>
public sealed class ReconcilerTests
{
    private const string Cleanup = TestWidget.Group + "/cleanup";

    [Test]
    public async Task Create_update_delete_drive_reconcile_finalize_and_deleted_in_order()
    {
        await using var harness = new ReconcilerHarness(typeof(RecordingController), finalizers: (Cleanup, typeof(RecordingFinalizer)));
        await harness.StartAsync();

        await harness.Client.CreateAsync(TestWidget.Create("w1"), CancellationToken.None);
        await ReconcilerHarness.EventuallyAsync(() => harness.Log.Count("reconcile:w1:1") == 1, "first reconcile");
        var stored = await harness.Client.GetAsync<TestWidget>("w1", "default", CancellationToken.None);
        stored!.Metadata.Finalizers.Should().Equal(Cleanup);

        harness.Client.UpdateSpec<TestWidget>("w1", "default", spec => spec["size"] = 2);
        await ReconcilerHarness.EventuallyAsync(() => harness.Log.Count("reconcile:w1:2") == 1, "reconcile of generation 2");

        await harness.Client.DeleteAsync<TestWidget>("w1", "default", CancellationToken.None);
        await ReconcilerHarness.EventuallyAsync(() => harness.Log.Count("deleted:w1") == 1, "deleted callback");
        await Task.Delay(200);

        harness.Log.Calls.Should().Equal("reconcile:w1:1", "reconcile:w1:2", "finalize:w1", "deleted:w1");
        (await harness.Client.GetAsync<TestWidget>("w1", "default", CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task A_throwing_finalizer_is_retried_and_the_object_kept_until_it_succeeds()
    {
        await using var harness = new ReconcilerHarness(
            typeof(RecordingController),
            configure: services => services.AddSingleton(new FailureBudget(3)),
            finalizers: (Cleanup, typeof(ThrowingFinalizer)));
        await harness.StartAsync();
        await harness.Client.CreateAsync(TestWidget.Create("w1"), CancellationToken.None);
        await ReconcilerHarness.EventuallyAsync(() => harness.Log.Count("reconcile:w1:1") == 1, "first reconcile");

        await harness.Client.DeleteAsync<TestWidget>("w1", "default", CancellationToken.None);
        await ReconcilerHarness.EventuallyAsync(() => harness.Log.Count("finalize-failed:w1") >= 2, "two failed finalizer runs");
        var held = await harness.Client.GetAsync<TestWidget>("w1", "default", CancellationToken.None);
        held.Should().NotBeNull("the object must stay while its finalizer fails");
        held!.Metadata.DeletionTimestamp.Should().NotBeNull();
        harness.Log.Calls.Should().NotContain("deleted:w1");

        await ReconcilerHarness.EventuallyAsync(() => harness.Log.Count("deleted:w1") == 1, "deletion after the finalizer succeeded");
        harness.Log.Count("finalize-failed:w1").Should().Be(3);
        harness.Log.Count("finalize:w1").Should().Be(1);
        harness.Log.Calls.ToList().IndexOf("finalize:w1").Should().BeLessThan(harness.Log.Calls.ToList().IndexOf("deleted:w1"));
    }

    [Test]
    public async Task A_status_only_update_does_not_cause_another_reconcile_when_the_controller_opts_in()
    {
        await using var harness = new ReconcilerHarness(typeof(StatusWritingController), generationChangedOnly: true);
        await harness.StartAsync();
        await harness.Client.CreateAsync(TestWidget.Create("w1"), CancellationToken.None);
        await ReconcilerHarness.EventuallyAsync(() => harness.Client.StatusWrites == 1, "status written");
        await Task.Delay(300);

        harness.Log.Count("reconcile:w1").Should().Be(1);
        harness.Client.StatusWrites.Should().Be(1);
        (await harness.Client.GetAsync<TestWidget>("w1", "default", CancellationToken.None))!.Status.ObservedGeneration.Should().Be(1);

        harness.Client.UpdateSpec<TestWidget>("w1", "default", spec => spec["size"] = 5);
        await ReconcilerHarness.EventuallyAsync(() => harness.Client.StatusWrites == 2, "status of generation 2 written");
        await Task.Delay(300);
        harness.Log.Count("reconcile:w1").Should().Be(2);
    }

    [Test]
    public async Task An_unchanged_status_is_not_rewritten_so_even_without_opt_in_there_is_no_loop()
    {
        await using var harness = new ReconcilerHarness(typeof(StatusWritingController), generationChangedOnly: false);
        await harness.StartAsync();
        await harness.Client.CreateAsync(TestWidget.Create("w1"), CancellationToken.None);
        await ReconcilerHarness.EventuallyAsync(() => harness.Client.StatusWrites == 1, "status written");
        await Task.Delay(300);

        // The status write wakes the controller once more; it finds nothing to change and writes nothing.
        harness.Log.Count("reconcile:w1").Should().Be(2);
        harness.Client.StatusWrites.Should().Be(1);
    }

    [Test]
    public async Task Reconciles_run_concurrently_up_to_the_bound_but_never_twice_at_once_for_one_object()
    {
        var probe = new ConcurrencyProbe();
        await using var harness = new ReconcilerHarness(
            typeof(SlowController), maxConcurrentReconciles: 3, configure: services => services.AddSingleton(probe));
        await harness.StartAsync();
        for (var i = 0; i < 12; i++)
        {
            await harness.Client.CreateAsync(TestWidget.Create($"w{i}"), CancellationToken.None);
        }

        // Keep changing one object while it is being reconciled.
        for (var i = 0; i < 5; i++)
        {
            harness.Client.UpdateSpec<TestWidget>("w0", "default", spec => spec["size"] = 10 + i);
            await Task.Delay(15);
        }

        await ReconcilerHarness.EventuallyAsync(() => probe.Completed >= 13, "all objects reconciled", 10_000);
        await Task.Delay(300);
        probe.MaxConcurrent.Should().Be(3);
        probe.MaxConcurrentPerObject.Should().Be(1);
        harness.Reconciler.QueueDepth.Should().Be(0);
        var last = await harness.Client.GetAsync<TestWidget>("w0", "default", CancellationToken.None);
        probe.LastSeenGeneration("w0").Should().Be(last!.Metadata.Generation, "the latest state is always reconciled in the end");
    }

    [Test]
    public async Task Requeue_after_reconciles_again_without_an_event()
    {
        await using var harness = new ReconcilerHarness(typeof(RequeueOnceController));
        await harness.StartAsync();
        await harness.Client.CreateAsync(TestWidget.Create("w1"), CancellationToken.None);
        await ReconcilerHarness.EventuallyAsync(() => harness.Log.Count("reconcile:w1") == 1, "first reconcile");
        await Task.Delay(50);
        harness.Log.Count("reconcile:w1").Should().Be(1, "the requeue is not due yet");
        await ReconcilerHarness.EventuallyAsync(() => harness.Log.Count("reconcile:w1") == 2, "requeued reconcile");
        await Task.Delay(400);
        harness.Log.Count("reconcile:w1").Should().Be(2);
    }

    [Test]
    public async Task A_throwing_reconcile_is_retried_with_backoff_until_it_succeeds()
    {
        await using var harness = new ReconcilerHarness(
            typeof(FlakyController), configure: services => services.AddSingleton(new FailureBudget(3)));
        await harness.StartAsync();
        await harness.Client.CreateAsync(TestWidget.Create("w1"), CancellationToken.None);
        await ReconcilerHarness.EventuallyAsync(() => harness.Log.Count("reconciled:w1") == 1, "successful reconcile after failures");
        await Task.Delay(300);
        harness.Log.Calls.Should().Equal("failed:w1", "failed:w1", "failed:w1", "reconciled:w1");
    }

    [Test]
    public async Task Status_conflicts_are_retried_on_the_fresh_object_and_the_write_lands()
    {
        var client = new InMemoryEntityClient();
        var created = await client.CreateAsync(TestWidget.Create("w1"), CancellationToken.None);
        client.InjectStatusConflicts(2);
        var writer = new StatusWriter(client, Microsoft.Extensions.Logging.Abstractions.NullLogger<StatusWriter>.Instance, maxAttempts: 5);

        var mutations = 0;
        var written = await writer.UpdateStatusAsync(created, w =>
        {
            mutations++;
            w.Status.Phase = "Ready";
        }, CancellationToken.None);

        written.Status.Phase.Should().Be("Ready");
        mutations.Should().Be(3, "the mutation is re-applied after each re-read");
        client.StatusWrites.Should().Be(3);
        (await client.GetAsync<TestWidget>("w1", "default", CancellationToken.None))!.Status.Phase.Should().Be("Ready");
    }

    [Test]
    public async Task Status_conflicts_beyond_the_attempt_limit_surface()
    {
        var client = new InMemoryEntityClient();
        var created = await client.CreateAsync(TestWidget.Create("w1"), CancellationToken.None);
        client.InjectStatusConflicts(10);
        var writer = new StatusWriter(client, Microsoft.Extensions.Logging.Abstractions.NullLogger<StatusWriter>.Instance, maxAttempts: 3);
        await FluentActions.Awaiting(() => writer.UpdateStatusAsync(created, w => w.Status.Phase = "Ready", CancellationToken.None))
            .Should().ThrowAsync<KubernetesApiException>().Where(e => e.IsConflict);
        client.StatusWrites.Should().Be(3);
    }

    private sealed class RecordingController(CallLog log) : IEntityController<TestWidget>
    {
        public Task<ReconcileResult> ReconcileAsync(TestWidget entity, CancellationToken cancellationToken)
        {
            log.Add($"reconcile:{entity.Metadata.Name}:{entity.Metadata.Generation}");
            return Task.FromResult(ReconcileResult.Success());
        }

        public Task DeletedAsync(TestWidget entity, CancellationToken cancellationToken)
        {
            log.Add($"deleted:{entity.Metadata.Name}");
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingFinalizer(CallLog log) : IEntityFinalizer<TestWidget>
    {
        public Task FinalizeAsync(TestWidget entity, CancellationToken cancellationToken)
        {
            log.Add($"finalize:{entity.Metadata.Name}");
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingFinalizer(CallLog log, FailureBudget failures) : IEntityFinalizer<TestWidget>
    {
        public Task FinalizeAsync(TestWidget entity, CancellationToken cancellationToken)
        {
            if (failures.TrySpend())
            {
                log.Add($"finalize-failed:{entity.Metadata.Name}");
                throw new InvalidOperationException("backend unreachable");
            }

            log.Add($"finalize:{entity.Metadata.Name}");
            return Task.CompletedTask;
        }
    }

    private sealed class StatusWritingController(CallLog log, StatusWriter statusWriter) : IEntityController<TestWidget>
    {
        public async Task<ReconcileResult> ReconcileAsync(TestWidget entity, CancellationToken cancellationToken)
        {
            log.Add($"reconcile:{entity.Metadata.Name}");
            await statusWriter.UpdateStatusAsync(entity, w =>
            {
                w.Status.ObservedGeneration = w.Metadata.Generation;
                w.Status.Phase = "Ready";
            }, cancellationToken);
            return ReconcileResult.Success();
        }

        public Task DeletedAsync(TestWidget entity, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class SlowController(ConcurrencyProbe probe) : IEntityController<TestWidget>
    {
        public async Task<ReconcileResult> ReconcileAsync(TestWidget entity, CancellationToken cancellationToken)
        {
            using (probe.Enter(entity.Metadata.Name, entity.Metadata.Generation ?? 0))
            {
                await Task.Delay(60, cancellationToken);
            }

            return ReconcileResult.Success();
        }

        public Task DeletedAsync(TestWidget entity, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class RequeueOnceController(CallLog log) : IEntityController<TestWidget>
    {
        public Task<ReconcileResult> ReconcileAsync(TestWidget entity, CancellationToken cancellationToken)
        {
            log.Add($"reconcile:{entity.Metadata.Name}");
            return Task.FromResult(log.Count($"reconcile:{entity.Metadata.Name}") == 1
                ? ReconcileResult.Success(TimeSpan.FromMilliseconds(250))
                : ReconcileResult.Success());
        }

        public Task DeletedAsync(TestWidget entity, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FlakyController(CallLog log, FailureBudget failures) : IEntityController<TestWidget>
    {
        public Task<ReconcileResult> ReconcileAsync(TestWidget entity, CancellationToken cancellationToken)
        {
            if (failures.TrySpend())
            {
                log.Add($"failed:{entity.Metadata.Name}");
                throw new InvalidOperationException("transient");
            }

            log.Add($"reconciled:{entity.Metadata.Name}");
            return Task.FromResult(ReconcileResult.Success());
        }

        public Task DeletedAsync(TestWidget entity, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

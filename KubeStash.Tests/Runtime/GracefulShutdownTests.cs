using KubeStash.Operator.Runtime.Controllers;

namespace KubeStash.Tests.Runtime;

public sealed class GracefulShutdownTests
{
    [Test]
    public async Task Stopping_waits_for_reconciles_in_flight_and_starts_no_new_ones()
    {
        var harness = new ReconcilerHarness(typeof(PatientController));
        await harness.StartAsync();
        await harness.Client.CreateAsync(TestWidget.Create("w1"), CancellationToken.None);
        await ReconcilerHarness.EventuallyAsync(() => harness.Log.Count("start:w1") == 1, "reconcile started");

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await harness.Reconciler.StopAsync(deadline.Token);
        harness.Log.Calls.Should().Equal("start:w1", "end:w1");

        await harness.Client.CreateAsync(TestWidget.Create("w2"), CancellationToken.None);
        await Task.Delay(200);
        harness.Log.Calls.Should().NotContain("start:w2");
        await harness.DisposeAsync();
    }

    [Test]
    public async Task Reconciles_still_running_at_the_deadline_are_cancelled()
    {
        var harness = new ReconcilerHarness(typeof(StuckController));
        await harness.StartAsync();
        await harness.Client.CreateAsync(TestWidget.Create("w1"), CancellationToken.None);
        await ReconcilerHarness.EventuallyAsync(() => harness.Log.Count("start:w1") == 1, "reconcile started");

        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await harness.Reconciler.StopAsync(deadline.Token);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        harness.Log.Calls.Should().Equal("start:w1", "cancelled:w1");
        await harness.DisposeAsync();
    }

    private sealed class PatientController(CallLog log) : IEntityController<TestWidget>
    {
        public async Task<ReconcileResult> ReconcileAsync(TestWidget entity, CancellationToken cancellationToken)
        {
            log.Add($"start:{entity.Metadata.Name}");
            await Task.Delay(300, cancellationToken);
            log.Add($"end:{entity.Metadata.Name}");
            return ReconcileResult.Success();
        }

        public Task DeletedAsync(TestWidget entity, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class StuckController(CallLog log) : IEntityController<TestWidget>
    {
        public async Task<ReconcileResult> ReconcileAsync(TestWidget entity, CancellationToken cancellationToken)
        {
            log.Add($"start:{entity.Metadata.Name}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                log.Add($"cancelled:{entity.Metadata.Name}");
                throw;
            }

            return ReconcileResult.Success();
        }

        public Task DeletedAsync(TestWidget entity, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

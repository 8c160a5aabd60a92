using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Controllers;

namespace KubeStash.Tests.Runtime;

/// <summary>A typical small controller: reads the object, writes its status once, times itself into the probe.</summary>
public sealed class BenchmarkController(BenchmarkProbe probe, StatusWriter statusWriter) : IEntityController<TestWidget>
{
    public async Task<ReconcileResult> ReconcileAsync(TestWidget entity, CancellationToken cancellationToken)
    {
        probe.ReconcileStarted(entity.Metadata.Name);
        await statusWriter.UpdateStatusAsync(entity, w =>
        {
            w.Status.ObservedGeneration = w.Metadata.Generation;
            w.Status.ObservedSize = w.Spec.Size;
            w.Status.Phase = "Ready";
        }, cancellationToken);
        probe.ReconcileFinished(entity.Metadata.Name);
        return ReconcileResult.Success();
    }

    public Task DeletedAsync(TestWidget entity, CancellationToken cancellationToken) => Task.CompletedTask;
}

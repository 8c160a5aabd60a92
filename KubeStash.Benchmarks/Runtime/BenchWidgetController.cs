using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Controllers;

namespace KubeStash.Benchmarks.Runtime;

/// <summary>A typical small controller: writes the status once per generation and times itself into the probe.</summary>
internal sealed class BenchWidgetController(ReconcileProbe probe, StatusWriter statusWriter) : IEntityController<BenchWidget>
{
    public async Task<ReconcileResult> ReconcileAsync(BenchWidget entity, CancellationToken cancellationToken)
    {
        probe.Started(entity.Metadata.Name);
        await statusWriter.UpdateStatusAsync(entity, w =>
        {
            w.Status.ObservedGeneration = w.Metadata.Generation;
            w.Status.ObservedSize = w.Spec.Size;
        }, cancellationToken);
        probe.Finished(entity.Metadata.Name);
        return ReconcileResult.Success();
    }

    public Task DeletedAsync(BenchWidget entity, CancellationToken cancellationToken) => Task.CompletedTask;
}

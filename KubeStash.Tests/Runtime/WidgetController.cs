using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Controllers;
using KubeStash.Operator.Runtime.Events;

namespace KubeStash.Tests.Runtime;

/// <summary>
/// Records every call and reports what it saw in the status (observed generation and size), as a real controller would.
/// </summary>
public sealed class WidgetController(CallLog log, StatusWriter statusWriter, IEventRecorder events, InstanceTag instance) : IEntityController<TestWidget>
{
    public async Task<ReconcileResult> ReconcileAsync(TestWidget entity, CancellationToken cancellationToken)
    {
        log.Add($"reconcile:{entity.Metadata.Name}:{entity.Metadata.Generation}:{instance.Name}");
        await statusWriter.UpdateStatusAsync(entity, w =>
        {
            w.Status.ObservedGeneration = w.Metadata.Generation;
            w.Status.ObservedSize = w.Spec.Size;
            w.Status.Phase = "Ready";
        }, cancellationToken);
        if (entity.Spec.Message == "announce")
        {
            await events.RecordAsync(entity, EventSeverity.Normal, "Announced", $"widget {entity.Metadata.Name} says hello", cancellationToken);
        }

        return ReconcileResult.Success();
    }

    public Task DeletedAsync(TestWidget entity, CancellationToken cancellationToken)
    {
        log.Add($"deleted:{entity.Metadata.Name}:{instance.Name}");
        return Task.CompletedTask;
    }
}

using KubeStash.Operator.Runtime.Controllers;

namespace KubeStash.Tests.Runtime;

/// <summary>Records finalization; fails while the injected <see cref="FailureBudget"/> lasts.</summary>
public sealed class WidgetFinalizer(CallLog log, FailureBudget failures) : IEntityFinalizer<TestWidget>
{
    public Task FinalizeAsync(TestWidget entity, CancellationToken cancellationToken)
    {
        if (failures.TrySpend())
        {
            log.Add($"finalize-failed:{entity.Metadata.Name}");
            throw new InvalidOperationException("cleanup target unreachable");
        }

        log.Add($"finalize:{entity.Metadata.Name}");
        return Task.CompletedTask;
    }
}

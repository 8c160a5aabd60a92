using KubeStash.Operator.Runtime.Webhooks;

namespace KubeStash.Tests.Runtime;

/// <summary>Rejects widgets without a positive size and warns about huge ones; checks creates and updates only.</summary>
public sealed class TestWidgetValidator : ValidationWebhook<TestWidget>
{
    public override Task<AdmissionResult> CreateAsync(TestWidget entity, bool dryRun, CancellationToken cancellationToken)
        => Task.FromResult(Check(entity));

    public override Task<AdmissionResult> UpdateAsync(TestWidget oldEntity, TestWidget newEntity, bool dryRun, CancellationToken cancellationToken)
        => Task.FromResult(Check(newEntity));

    private static AdmissionResult Check(TestWidget widget) => widget.Spec.Size switch
    {
        < 1 => AdmissionResult.Deny("spec.size", $"must be at least 1, got {widget.Spec.Size}"),
        > 100 => AdmissionResult.Allow("spec.size above 100 makes reconciles slow"),
        _ => AdmissionResult.Allow(),
    };
}

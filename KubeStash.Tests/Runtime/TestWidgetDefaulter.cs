using KubeStash.Operator.Runtime.Webhooks;

namespace KubeStash.Tests.Runtime;

/// <summary>Fills in a default message and marks defaulted widgets with a label.</summary>
public sealed class TestWidgetDefaulter : MutationWebhook<TestWidget>
{
    public override Task<MutationResult<TestWidget>> CreateAsync(TestWidget entity, bool dryRun, CancellationToken cancellationToken)
    {
        if (entity.Spec.Message is not null)
        {
            return Task.FromResult(MutationResult.NoChanges<TestWidget>());
        }

        entity.Spec.Message = "hello";
        entity.Metadata.Labels ??= new Dictionary<string, string>();
        entity.Metadata.Labels["runtime.test.example.com/defaulted"] = "true";
        return Task.FromResult(MutationResult.Changed(entity, "spec.message defaulted to 'hello'"));
    }
}

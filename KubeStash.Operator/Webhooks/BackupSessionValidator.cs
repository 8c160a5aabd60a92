using KubeStash.Entities.Core;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Webhooks;

namespace KubeStash.Operator.Webhooks;

/// <summary>A new BackupSession must name an existing BackupConfiguration and one of its sessions.</summary>
public sealed class BackupSessionValidator(IEntityClient client) : ValidationWebhook<BackupSession>
{
    public override async Task<AdmissionResult> CreateAsync(BackupSession entity, bool dryRun, CancellationToken cancellationToken)
    {
        var invoker = entity.Spec.Invoker;
        if (invoker is null || string.IsNullOrWhiteSpace(invoker.Name))
        {
            return AdmissionResult.Deny("spec.invoker.name", "is required");
        }

        if (invoker.Kind != "BackupConfiguration")
        {
            return AdmissionResult.Deny("spec.invoker.kind", $"must be BackupConfiguration, got \"{invoker.Kind}\"");
        }

        if (string.IsNullOrWhiteSpace(entity.Spec.Session))
        {
            return AdmissionResult.Deny("spec.session", "is required");
        }

        var config = await client.GetAsync<BackupConfiguration>(invoker.Name, entity.Metadata.NamespaceProperty, cancellationToken);
        if (config is null)
        {
            return AdmissionResult.Deny("spec.invoker.name", $"BackupConfiguration {entity.Metadata.NamespaceProperty}/{invoker.Name} does not exist");
        }

        if (config.Spec.Sessions?.Any(s => s.Name == entity.Spec.Session) != true)
        {
            return AdmissionResult.Deny("spec.session", $"BackupConfiguration {invoker.Name} has no session \"{entity.Spec.Session}\"");
        }

        return AdmissionResult.Allow();
    }
}

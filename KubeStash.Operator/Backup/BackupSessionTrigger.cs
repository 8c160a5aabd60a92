using k8s.Models;
using KubeStash.Entities.Core;
using KubeStash.Operator.Runtime.Client;

namespace KubeStash.Operator.Backup;

/// <summary>
/// Seed step 9: creates the BackupSession <c>&lt;config&gt;-&lt;session&gt;-&lt;unix time&gt;</c> for one session of an
/// invoker. Run by the trigger CronJob's pod and by "backup now".
/// </summary>
public sealed class BackupSessionTrigger(IEntityClient client, TimeProvider clock)
{
    public const string BackupConfigurationKind = "BackupConfiguration";

    public async Task<BackupSession> TriggerAsync(string @namespace, string invokerKind, string invokerName, string session, CancellationToken cancellationToken)
    {
        if (invokerKind != BackupConfigurationKind)
        {
            throw new ArgumentException($"--invoker-kind must be {BackupConfigurationKind}, not \"{invokerKind}\"", nameof(invokerKind));
        }

        var config = await client.GetAsync<BackupConfiguration>(invokerName, @namespace, cancellationToken)
            ?? throw new InvalidOperationException($"BackupConfiguration {@namespace}/{invokerName} does not exist");
        var declared = config.Spec.Sessions?.FirstOrDefault(s => s.Name == session)
            ?? throw new InvalidOperationException($"BackupConfiguration {@namespace}/{invokerName} has no session \"{session}\"");
        var name = ObjectNames.BackupSession(invokerName, session, clock.GetUtcNow().ToUnixTimeSeconds());
        var backupSession = new BackupSession
        {
            ApiVersion = "core.kubestash.com/v1alpha1",
            Kind = "BackupSession",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = @namespace,
                Labels = new Dictionary<string, string>
                {
                    [KubeStashLabels.InvokerKind] = invokerKind,
                    [KubeStashLabels.InvokerName] = invokerName,
                    [KubeStashLabels.InvokerNamespace] = @namespace,
                    [KubeStashLabels.SessionName] = session,
                },
            },
            Spec = new BackupSessionSpec
            {
                Invoker = new V1TypedLocalObjectReference { ApiGroup = "core.kubestash.com", Kind = invokerKind, Name = invokerName },
                Session = session,
                BackupTimeout = declared.BackupTimeout,
                RetryLeft = declared.RetryConfig?.MaxRetry,
            },
        };
        try
        {
            return await client.CreateAsync(backupSession, cancellationToken);
        }
        catch (KubernetesApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Triggered twice within the same second (a retried pod): the session already exists; do not start another.
            var existing = await client.GetAsync<BackupSession>(name, @namespace, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return existing;
        }
    }
}

using k8s.Models;
using KubeStash.Entities.Core;
using KubeStash.Operator.Backup;

namespace KubeStash.Operator.Builders;

/// <summary>
/// Seed step 8: the CronJob <c>trigger-&lt;config&gt;-&lt;session&gt;</c> whose pod runs this operator's
/// <c>trigger-backup</c> sub-command to create a BackupSession (step 9), plus the ServiceAccount, Role and RoleBinding it
/// runs as.
/// </summary>
public static class TriggerCronJobBuilder
{
    public const string ContainerName = "trigger";

    public static V1CronJob Build(BackupConfiguration config, Session session, string operatorImage)
    {
        var name = ObjectNames.TriggerCronJob(config.Metadata.Name, session.Name!);
        var scheduler = session.Scheduler ?? new SchedulerSpec();
        var template = scheduler.JobTemplate ?? new JobTemplate();
        var labels = Labels(config, session.Name!);
        var podSpec = new V1PodSpec
        {
            ServiceAccountName = ObjectNames.TriggerServiceAccount(config.Metadata.Name),
            RestartPolicy = "OnFailure",
            Containers =
            [
                new V1Container
                {
                    Name = ContainerName,
                    Image = operatorImage,
                    Args =
                    [
                        "trigger-backup",
                        $"--namespace={config.Metadata.NamespaceProperty}",
                        "--invoker-kind=BackupConfiguration",
                        $"--invoker-name={config.Metadata.Name}",
                        $"--session={session.Name}",
                    ],
                    SecurityContext = RestrictedSecurityContext.Container(),
                },
            ],
        };
        if (template.Template?.Spec is { } spec)
        {
            // The scheduler's jobTemplate.template.spec is KubeStash's PodSpec, which folds container settings in.
            PodSpecMerger.Apply(podSpec, podSpec.Containers[0], spec);
        }

        return new V1CronJob
        {
            ApiVersion = "batch/v1",
            Kind = "CronJob",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = config.Metadata.NamespaceProperty,
                Labels = labels,
                OwnerReferences = [Owner.Of(config, "core.kubestash.com/v1alpha1", "BackupConfiguration")],
            },
            Spec = new V1CronJobSpec
            {
                Schedule = scheduler.Schedule,
                Suspend = (config.Spec.Paused ?? false) || (scheduler.Suspend ?? false),
                ConcurrencyPolicy = scheduler.ConcurrencyPolicy?.ToString() ?? "Forbid",
                StartingDeadlineSeconds = scheduler.StartingDeadlineSeconds,
                SuccessfulJobsHistoryLimit = scheduler.SuccessfulJobsHistoryLimit,
                FailedJobsHistoryLimit = scheduler.FailedJobsHistoryLimit,
                JobTemplate = new V1JobTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1JobSpec
                    {
                        Parallelism = template.Parallelism,
                        Completions = template.Completions,
                        ActiveDeadlineSeconds = template.ActiveDeadlineSeconds,
                        BackoffLimit = template.BackoffLimit,
                        TtlSecondsAfterFinished = template.TtlSecondsAfterFinished,
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = MergeLabels(labels, template.Template?.Metadata?.Labels), Annotations = template.Template?.Metadata?.Annotations },
                            Spec = podSpec,
                        },
                    },
                },
            },
        };
    }

    public static IDictionary<string, string> Labels(BackupConfiguration config, string session) => new Dictionary<string, string>
    {
        [KubeStashLabels.InvokerKind] = "BackupConfiguration",
        [KubeStashLabels.InvokerName] = config.Metadata.Name,
        [KubeStashLabels.InvokerNamespace] = config.Metadata.NamespaceProperty,
        [KubeStashLabels.SessionName] = session,
        [KubeStashLabels.ManagedBy] = KubeStashLabels.ManagedByValue,
    };

    public static V1ServiceAccount ServiceAccount(BackupConfiguration config) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = OwnedMetadata(config, ObjectNames.TriggerServiceAccount(config.Metadata.Name)),
    };

    /// <summary>What <c>trigger-backup</c> needs: read its invoker and sessions, create BackupSessions.</summary>
    public static V1Role Role(BackupConfiguration config) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "Role",
        Metadata = OwnedMetadata(config, ObjectNames.TriggerServiceAccount(config.Metadata.Name)),
        Rules =
        [
            new V1PolicyRule { ApiGroups = ["core.kubestash.com"], Resources = ["backupconfigurations"], Verbs = ["get"], ResourceNames = [config.Metadata.Name] },
            new V1PolicyRule { ApiGroups = ["core.kubestash.com"], Resources = ["backupsessions"], Verbs = ["get", "list", "create"] },
        ],
    };

    public static V1RoleBinding RoleBinding(BackupConfiguration config)
    {
        var name = ObjectNames.TriggerServiceAccount(config.Metadata.Name);
        return new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = OwnedMetadata(config, name),
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = name },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = name, NamespaceProperty = config.Metadata.NamespaceProperty }],
        };
    }

    private static V1ObjectMeta OwnedMetadata(BackupConfiguration config, string name) => new()
    {
        Name = name,
        NamespaceProperty = config.Metadata.NamespaceProperty,
        Labels = new Dictionary<string, string>
        {
            [KubeStashLabels.InvokerKind] = "BackupConfiguration",
            [KubeStashLabels.InvokerName] = config.Metadata.Name,
            [KubeStashLabels.InvokerNamespace] = config.Metadata.NamespaceProperty,
            [KubeStashLabels.ManagedBy] = KubeStashLabels.ManagedByValue,
        },
        OwnerReferences = [Owner.Of(config, "core.kubestash.com/v1alpha1", "BackupConfiguration")],
    };

    private static Dictionary<string, string> MergeLabels(IDictionary<string, string> ours, IDictionary<string, string>? theirs)
    {
        var merged = new Dictionary<string, string>(theirs ?? new Dictionary<string, string>());
        foreach (var (key, value) in ours)
        {
            merged[key] = value;
        }

        return merged;
    }
}

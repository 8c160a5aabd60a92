using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeStash.Entities.Addons;
using KubeStash.Entities.Common;
using KubeStash.Entities.Core;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Backup;

namespace KubeStash.Operator.Builders;

/// <summary>
/// Seed step 13: the backup Job of a BackupSession. The Addon task's Function gives image, command and args (with
/// <c>${param:=default}</c> filled from the task params, the addon's parameter defaults, the namespace and the
/// BackupSession's name); the addon's scratch volumes are mounted; the session's containerRuntimeSettings and addon
/// jobTemplate are laid over the pod; backupTimeout becomes activeDeadlineSeconds. The Job never reruns its pod: retryConfig
/// retries a failed backup as a new BackupSession (see BackupSessionController), as KubeStash does, so a Job backoff would
/// multiply the attempts and run a second Dumper into a Snapshot the first already marked Failed.
/// Every <c>local</c> BackupStorage of the session's repositories has its volume mounted at its <c>mountPath</c>, where
/// the Dumper opens it (adding <c>subPath</c> itself).
/// </summary>
public static class BackupJobBuilder
{
    public static V1Job Build(
        BackupConfiguration config,
        Session session,
        BackupSession backupSession,
        AddonTask addonTask,
        TaskReference task,
        Function function,
        IReadOnlyCollection<BackupStorage> storages)
    {
        var storageVolumes = LocalStorageVolumes(storages);
        var values = Parameters(config, backupSession, addonTask, task);
        var container = new V1Container
        {
            Name = addonTask.Name,
            Image = function.Spec.Image,
            Command = function.Spec.Command?.Select(c => ParameterSubstitution.Apply(c, values)).ToList(),
            Args = function.Spec.Args?.Select(a => ParameterSubstitution.Apply(a, values)).ToList(),
            WorkingDir = function.Spec.WorkingDir,
            Ports = function.Spec.Ports,
            VolumeDevices = function.Spec.VolumeDevices,
            VolumeMounts = Distinct([.. addonTask.VolumeMounts ?? [], .. function.Spec.VolumeMounts ?? [], .. storageVolumes.Select(v => v.Mount)]),
            Env = Combine(task.Variables, session.Addon?.ContainerRuntimeSettings?.Env),
            EnvFrom = session.Addon?.ContainerRuntimeSettings?.EnvFrom,
            SecurityContext = RestrictedSecurityContext.Container(),
        };
        ApplyRuntimeSettings(container, function.Spec.RuntimeSettings);
        ApplyRuntimeSettings(container, session.Addon?.ContainerRuntimeSettings);
        var pod = new V1PodSpec
        {
            RestartPolicy = "Never",
            Containers = [container],
            Volumes = NullIfEmpty([.. addonTask.VolumeTemplate?.Select(ToVolume) ?? [], .. storageVolumes.Select(v => v.Volume)]),
        };
        var template = session.Addon?.JobTemplate;
        if (template?.Spec is { } spec)
        {
            PodSpecMerger.Apply(pod, container, spec);
        }

        var labels = new Dictionary<string, string>
        {
            [KubeStashLabels.InvokerKind] = "BackupConfiguration",
            [KubeStashLabels.InvokerName] = config.Metadata.Name,
            [KubeStashLabels.InvokerNamespace] = config.Metadata.NamespaceProperty,
            [KubeStashLabels.SessionName] = session.Name!,
            [KubeStashLabels.ManagedBy] = KubeStashLabels.ManagedByValue,
        };
        var podLabels = new Dictionary<string, string>(template?.Metadata?.Labels ?? new Dictionary<string, string>());
        foreach (var (key, value) in labels)
        {
            podLabels[key] = value;
        }

        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = JobName(backupSession),
                NamespaceProperty = backupSession.Metadata.NamespaceProperty,
                Labels = labels,
                OwnerReferences = [Owner.Of(backupSession, "core.kubestash.com/v1alpha1", "BackupSession")],
            },
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                ActiveDeadlineSeconds = session.BackupTimeout is { Length: > 0 } timeout
                    ? (long)KubeStashDuration.Parse(timeout, $"spec.sessions[{session.Name}].backupTimeout").TotalSeconds
                    : null,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = podLabels, Annotations = template?.Metadata?.Annotations },
                    Spec = pod,
                },
            },
        };
    }

    public static string JobName(BackupSession backupSession) => ObjectNames.Shorten($"backup-{backupSession.Metadata.Name}", ObjectNames.LabelValueLimit);

    /// <summary>Addon defaults, then the task's params, then what the operator knows (namespace, BackupSession, invoker).</summary>
    public static Dictionary<string, string> Parameters(BackupConfiguration config, BackupSession backupSession, AddonTask addonTask, TaskReference task)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in addonTask.Parameters ?? [])
        {
            if (parameter.Name is { Length: > 0 } name && parameter.Default is { } value)
            {
                values[name] = value;
            }
        }

        foreach (var (name, node) in task.Params ?? new JsonObject())
        {
            values[name] = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString() ?? string.Empty;
        }

        var target = config.Spec.Target;
        values["namespace"] = config.Metadata.NamespaceProperty;
        values["backupSession"] = backupSession.Metadata.Name;
        values["invokerKind"] = "BackupConfiguration";
        values["invokerName"] = config.Metadata.Name;
        if (target is not null)
        {
            values["targetKind"] = target.Kind ?? string.Empty;
            values["targetName"] = target.Name;
            values["targetNamespace"] = target.Kind == "Namespace" ? target.Name : string.IsNullOrEmpty(target.Namespace) ? config.Metadata.NamespaceProperty : target.Namespace;
        }

        return values;
    }

    private static void ApplyRuntimeSettings(V1Container container, ContainerRuntimeSettings? settings)
    {
        if (settings is null)
        {
            return;
        }

        container.Resources = settings.Resources ?? container.Resources;
        container.LivenessProbe = settings.LivenessProbe ?? container.LivenessProbe;
        container.ReadinessProbe = settings.ReadinessProbe ?? container.ReadinessProbe;
        container.Lifecycle = settings.Lifecycle ?? container.Lifecycle;
        container.SecurityContext = settings.SecurityContext ?? container.SecurityContext;
    }

    /// <summary>KubeStash's VolumeSource has V1Volume's source fields under the same wire names.</summary>
    private static V1Volume ToVolume(VolumeTemplate template) => ToVolume(template.Name, template.Source);

    private static V1Volume ToVolume(string? name, PodVolumeSource? source)
    {
        var json = source is null ? new JsonObject() : JsonNode.Parse(KubernetesJson.Serialize(source))!.AsObject();
        json.Remove("volumeClaimTemplate");
        json.Remove("mountPath");
        json.Remove("subPath");
        json["name"] = name;
        return KubernetesJson.Deserialize<V1Volume>(json.ToJsonString());
    }

    /// <summary>
    /// One volume per distinct local BackupStorage, named after it (<c>storage-&lt;namespace&gt;-&lt;name&gt;</c>, shortened
    /// with a hash when long), mounted at its mountPath. Two storages wanting the same mountPath cannot both be mounted.
    /// </summary>
    public static IReadOnlyList<(V1Volume Volume, V1VolumeMount Mount)> LocalStorageVolumes(IReadOnlyCollection<BackupStorage> storages)
    {
        var result = new List<(V1Volume, V1VolumeMount)>();
        var byMountPath = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var storage in storages)
        {
            if (storage.Spec.Storage is not { Provider: StorageProvider.Local } backend)
            {
                continue;
            }

            var key = $"{storage.Metadata.NamespaceProperty}/{storage.Metadata.Name}";
            if (!seen.Add(key))
            {
                continue;
            }

            var local = backend.Local ?? throw new FormatException($"BackupStorage {key}: spec.storage.local is required for provider local");
            if (string.IsNullOrEmpty(local.MountPath))
            {
                throw new FormatException($"BackupStorage {key}: spec.storage.local.mountPath is required");
            }

            if (byMountPath.TryGetValue(local.MountPath, out var other))
            {
                throw new FormatException($"BackupStorage {key}: spec.storage.local.mountPath {local.MountPath} is also the mountPath of BackupStorage {other}; one pod cannot mount both there");
            }

            byMountPath[local.MountPath] = key;
            // Volume names are DNS labels: a dotted object name keeps its words, joined by '-'.
            var name = ObjectNames.Shorten($"storage-{storage.Metadata.NamespaceProperty}-{storage.Metadata.Name}".Replace('.', '-'), ObjectNames.LabelValueLimit);
            result.Add((ToVolume(name, local), new V1VolumeMount { Name = name, MountPath = local.MountPath }));
        }

        return result;
    }

    private static List<V1Volume>? NullIfEmpty(List<V1Volume> volumes) => volumes.Count == 0 ? null : volumes;

    private static List<V1VolumeMount>? Distinct(List<V1VolumeMount> mounts)
        => mounts.Count == 0 ? null : [.. mounts.GroupBy(m => m.MountPath, StringComparer.Ordinal).Select(g => g.First())];

    private static List<V1EnvVar>? Combine(IList<V1EnvVar>? first, IList<V1EnvVar>? second)
    {
        var all = new List<V1EnvVar>([.. first ?? [], .. second ?? []]);
        return all.Count == 0 ? null : all;
    }
}

using System.Collections.Frozen;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// The <c>patchStrategy</c>/<c>patchMergeKey</c> struct tags of Kubernetes' built-in Go types (core/v1, apps/v1,
/// batch/v1, autoscaling, policy, ...), organised as a type graph so that a pod template gets the same treatment in a
/// Pod, a Deployment, a Job or a CronJob's <c>jobTemplate.spec.template</c>. Fields not listed have no strategy:
/// their lists are replaced whole and their maps merged.
/// </summary>
internal sealed class StrategicPatchMetadata
{
    private static readonly FrozenSet<string> BuiltInGroups = FrozenSet.ToFrozenSet(
        [
            string.Empty, "apps", "batch", "autoscaling", "policy", "rbac.authorization.k8s.io", "networking.k8s.io",
            "storage.k8s.io", "coordination.k8s.io", "scheduling.k8s.io", "node.k8s.io", "discovery.k8s.io",
            "events.k8s.io", "certificates.k8s.io", "apiextensions.k8s.io", "admissionregistration.k8s.io",
            "flowcontrol.apiserver.k8s.io", "resource.k8s.io", "apiregistration.k8s.io",
        ],
        StringComparer.Ordinal);

    private readonly Dictionary<(string Group, string Kind), StrategicPatchType> kinds = [];
    private readonly StrategicPatchType genericBuiltIn;

    private StrategicPatchMetadata()
    {
        var objectMeta = new StrategicPatchType("ObjectMeta")
            .With("finalizers", StrategicPatchField.Merge(null))
            .With("ownerReferences", StrategicPatchField.Merge("uid"));
        var metadata = StrategicPatchField.Plain(objectMeta);

        var containerPort = new StrategicPatchType("ContainerPort");
        var container = new StrategicPatchType("Container")
            .With("ports", StrategicPatchField.Merge("containerPort", containerPort))
            .With("env", StrategicPatchField.Merge("name"))
            .With("volumeMounts", StrategicPatchField.Merge("mountPath"))
            .With("volumeDevices", StrategicPatchField.Merge("devicePath"));
        var podSpec = new StrategicPatchType("PodSpec")
            .With("volumes", StrategicPatchField.Merge("name"))
            .With("initContainers", StrategicPatchField.Merge("name", container))
            .With("containers", StrategicPatchField.Merge("name", container))
            .With("ephemeralContainers", StrategicPatchField.Merge("name", container))
            .With("imagePullSecrets", StrategicPatchField.Merge("name"))
            .With("hostAliases", StrategicPatchField.Merge("ip"))
            .With("topologySpreadConstraints", StrategicPatchField.Merge("topologyKey"))
            .With("resourceClaims", StrategicPatchField.Merge("name"))
            .With("schedulingGates", StrategicPatchField.Merge("name"));
        var podStatus = new StrategicPatchType("PodStatus")
            .With("conditions", StrategicPatchField.Merge("type"))
            .With("podIPs", StrategicPatchField.Merge("ip"))
            .With("hostIPs", StrategicPatchField.Merge("ip"))
            .With("resourceClaimStatuses", StrategicPatchField.Merge("name"));
        var podTemplateSpec = new StrategicPatchType("PodTemplateSpec")
            .With("metadata", metadata)
            .With("spec", StrategicPatchField.Plain(podSpec));
        var template = StrategicPatchField.Plain(podTemplateSpec);
        var conditionsByType = new StrategicPatchType("StatusWithConditions")
            .With("conditions", StrategicPatchField.Merge("type"));
        var status = StrategicPatchField.Plain(conditionsByType);

        StrategicPatchType Kind(string name, params (string Field, StrategicPatchField Meta)[] fields)
        {
            var type = new StrategicPatchType(name).With("metadata", metadata);
            foreach (var (field, meta) in fields)
            {
                type.With(field, meta);
            }

            return type;
        }

        var workloadSpec = new StrategicPatchType("WorkloadSpec").With("template", template);
        var jobSpec = new StrategicPatchType("JobSpec").With("template", template);
        var jobTemplateSpec = new StrategicPatchType("JobTemplateSpec")
            .With("metadata", metadata)
            .With("spec", StrategicPatchField.Plain(jobSpec));

        Register(string.Empty, Kind("Pod", ("spec", StrategicPatchField.Plain(podSpec)), ("status", StrategicPatchField.Plain(podStatus))));
        Register(string.Empty, Kind("PodTemplate", ("template", template)));
        Register(string.Empty, Kind("ReplicationController", ("spec", StrategicPatchField.Plain(workloadSpec)), ("status", status)));
        Register(string.Empty, Kind("Service",
            ("spec", StrategicPatchField.Plain(new StrategicPatchType("ServiceSpec").With("ports", StrategicPatchField.Merge("port")))),
            ("status", status)));
        Register(string.Empty, Kind("Node",
            ("spec", StrategicPatchField.Plain(new StrategicPatchType("NodeSpec").With("podCIDRs", StrategicPatchField.Merge(null)))),
            ("status", StrategicPatchField.Plain(new StrategicPatchType("NodeStatus")
                .With("conditions", StrategicPatchField.Merge("type"))
                .With("addresses", StrategicPatchField.Merge("type"))))));
        Register(string.Empty, Kind("Namespace", ("status", status)));
        Register(string.Empty, Kind("PersistentVolumeClaim", ("status", status)));
        Register(string.Empty, Kind("ServiceAccount", ("secrets", StrategicPatchField.Merge("name"))));
        foreach (var kind in new[] { "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet" })
        {
            Register("apps", Kind(kind, ("spec", StrategicPatchField.Plain(workloadSpec)), ("status", status)));
        }

        Register("batch", Kind("Job", ("spec", StrategicPatchField.Plain(jobSpec)), ("status", status)));
        Register("batch", Kind("CronJob", ("spec", StrategicPatchField.Plain(new StrategicPatchType("CronJobSpec").With("jobTemplate", StrategicPatchField.Plain(jobTemplateSpec))))));
        Register("autoscaling", Kind("HorizontalPodAutoscaler", ("status", status)));
        Register("policy", Kind("PodDisruptionBudget", ("status", status)));

        genericBuiltIn = Kind("Object");
    }

    /// <summary>The one shared, read-only table.</summary>
    public static StrategicPatchMetadata Instance { get; } = new();

    /// <summary>
    /// The root type for a kind: its own table entry, else (for any other built-in API group) just the object
    /// metadata, else — a custom resource — null, meaning no metadata at all (every list is replaced).
    /// </summary>
    public StrategicPatchType? RootFor(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        if (kinds.TryGetValue((group, kind), out var type))
        {
            return type;
        }

        return BuiltInGroups.Contains(group) ? genericBuiltIn : null;
    }

    private void Register(string group, StrategicPatchType type) => kinds[(group, type.Name)] = type;
}

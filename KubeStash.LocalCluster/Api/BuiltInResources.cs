namespace KubeStash.LocalCluster.Api;

/// <summary>The built-in resources served out of the box; generic storage serves them all.</summary>
internal static class BuiltInResources
{
    public static IReadOnlyList<ApiResource> All { get; } =
    [
        Core("Namespace", "namespaces", false, ["ns"], status: true, fields: ["status.phase"]),
        Core("ConfigMap", "configmaps", true, ["cm"]),
        Core("Secret", "secrets", true, [], fields: ["type"]),
        Core("ServiceAccount", "serviceaccounts", true, ["sa"]),
        Core("Service", "services", true, ["svc"], status: true, categories: ["all"]),
        Core("Endpoints", "endpoints", true, ["ep"]),
        Core("Pod", "pods", true, ["po"], status: true, categories: ["all"], fields: ["status.phase", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.podIP", "status.nominatedNodeName"]),
        Core("Event", "events", true, ["ev"], fields: ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"]),
        Core("PersistentVolume", "persistentvolumes", false, ["pv"], status: true),
        Core("PersistentVolumeClaim", "persistentvolumeclaims", true, ["pvc"], status: true),
        Core("Node", "nodes", false, ["no"], status: true, fields: ["spec.unschedulable"]),
        Of("apps", "v1", "Deployment", "deployments", true, ["deploy"], status: true, scale: true, generation: true, categories: ["all"]),
        Of("apps", "v1", "ReplicaSet", "replicasets", true, ["rs"], status: true, scale: true, generation: true, categories: ["all"]),
        Of("apps", "v1", "StatefulSet", "statefulsets", true, ["sts"], status: true, scale: true, generation: true, categories: ["all"]),
        Of("apps", "v1", "DaemonSet", "daemonsets", true, ["ds"], status: true, generation: true, categories: ["all"]),
        Of("batch", "v1", "Job", "jobs", true, [], status: true, generation: true, categories: ["all"], fields: ["status.successful"]),
        Of("batch", "v1", "CronJob", "cronjobs", true, ["cj"], status: true, generation: true, categories: ["all"]),
        Of("rbac.authorization.k8s.io", "v1", "Role", "roles", true, []),
        Of("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, []),
        Of("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, []),
        Of("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, []),
        Of("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, ["crd", "crds"], status: true, generation: true),
        Of("coordination.k8s.io", "v1", "Lease", "leases", true, []),
        Of("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false, [], generation: true),
        Of("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false, [], generation: true),
        Of("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, ["sc"]),
        Of("networking.k8s.io", "v1", "Ingress", "ingresses", true, ["ing"], status: true, generation: true),
        Of("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, ["netpol"], generation: true),
        Of("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, ["pdb"], status: true, generation: true),
        Of("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ["hpa"], status: true, categories: ["all"]),
    ];

    private static ApiResource Core(string kind, string plural, bool namespaced, string[] shortNames, bool status = false, string[]? categories = null, string[]? fields = null) =>
        Of("", "v1", kind, plural, namespaced, shortNames, status, categories: categories, fields: fields);

    private static ApiResource Of(string group, string version, string kind, string plural, bool namespaced, string[] shortNames,
        bool status = false, bool scale = false, bool generation = false, string[]? categories = null, string[]? fields = null) => new()
        {
            Group = group,
            Version = version,
            Kind = kind,
            Plural = plural,
            Namespaced = namespaced,
            ShortNames = shortNames,
            HasStatus = status,
            Scale = scale ? ScaleSubresource.BuiltIn : null,
            TracksGeneration = generation,
            Categories = categories ?? [],
            ExtraSelectableFields = fields ?? [],
        };
}

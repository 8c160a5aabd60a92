using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Addons;

/// <summary>The backup and restore capabilities for one kind of target (e.g. Kubernetes manifests), as tasks. Cluster-scoped; has no status.</summary>
[KubernetesEntity(Group = "addons.kubestash.com", ApiVersion = "v1alpha1", Kind = "Addon", PluralName = "addons")]
[EntityScope(EntityScope.Cluster)]
[Categories("kubestash", "appscode", "all")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class Addon : CustomResource<AddonSpec>;

using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Addons;

/// <summary>A container template that performs one backup or restore action. Cluster-scoped; has no status.</summary>
[KubernetesEntity(Group = "addons.kubestash.com", ApiVersion = "v1alpha1", Kind = "Function", PluralName = "functions")]
[EntityScope(EntityScope.Cluster)]
[Categories("kubestash", "appscode", "all")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class Function : CustomResource<FunctionSpec>;

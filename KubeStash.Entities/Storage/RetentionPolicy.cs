using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Storage;

/// <summary>
/// How old Snapshots are cleaned up. Namespaced, but usable from other namespaces as <c>.spec.usagePolicy</c> permits.
/// Has no status.
/// </summary>
[KubernetesEntity(Group = "storage.kubestash.com", ApiVersion = "v1alpha1", Kind = "RetentionPolicy", PluralName = "retentionpolicies")]
[Categories("kubestash", "appscode")]
[PrinterColumn("Max-Retention-Period", "string", ".spec.maxRetentionPeriod")]
[PrinterColumn("Default", "boolean", ".spec.default")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class RetentionPolicy : CustomResource<RetentionPolicySpec>;

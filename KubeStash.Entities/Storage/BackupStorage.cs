using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Storage;

/// <summary>
/// The backend (bucket or volume) where backed-up data of applications is stored. Namespaced, but usable from other
/// namespaces as <c>.spec.usagePolicy</c> permits.
/// </summary>
[KubernetesEntity(Group = "storage.kubestash.com", ApiVersion = "v1alpha1", Kind = "BackupStorage", PluralName = "backupstorages")]
[Categories("kubestash", "appscode", "all")]
[PrinterColumn("Provider", "string", ".spec.storage.provider")]
[PrinterColumn("Default", "boolean", ".spec.default")]
[PrinterColumn("Deletion-Policy", "string", ".spec.deletionPolicy")]
[PrinterColumn("Total-Size", "string", ".status.totalSize")]
[PrinterColumn("Phase", "string", ".status.phase")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class BackupStorage : CustomResource<BackupStorageSpec, BackupStorageStatus>;

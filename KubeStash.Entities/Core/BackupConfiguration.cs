using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Core;

/// <summary>What to back up, where to store it, and the sessions that say when and how to back it up.</summary>
[KubernetesEntity(Group = "core.kubestash.com", ApiVersion = "v1alpha1", Kind = "BackupConfiguration", PluralName = "backupconfigurations")]
[ShortNames("bc")]
[Categories("kubestash", "appscode", "all")]
[PrinterColumn("Phase", "string", ".status.phase")]
[PrinterColumn("Paused", "boolean", ".spec.paused")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class BackupConfiguration : CustomResource<BackupConfigurationSpec, BackupConfigurationStatus>;

using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Core;

/// <summary>A template from which KubeStash creates BackupConfigurations for annotated targets automatically. Has no status.</summary>
[KubernetesEntity(Group = "core.kubestash.com", ApiVersion = "v1alpha1", Kind = "BackupBlueprint", PluralName = "backupblueprints")]
[Categories("kubestash", "appscode", "all")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class BackupBlueprint : CustomResource<BackupBlueprintSpec>;

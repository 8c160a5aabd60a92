using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Storage;

/// <summary>
/// The backups of one application in one BackupStorage: which application, which storage and directory, and the recent
/// Snapshots. Created by KubeStash from a BackupConfiguration; must be in the namespace of the backed-up application.
/// </summary>
[KubernetesEntity(Group = "storage.kubestash.com", ApiVersion = "v1alpha1", Kind = "Repository", PluralName = "repositories")]
[ShortNames("repo")]
[Categories("kubestash", "appscode", "all")]
[PrinterColumn("Integrity", "boolean", ".status.integrity")]
[PrinterColumn("Snapshot-Count", "integer", ".status.snapshotCount")]
[PrinterColumn("Size", "string", ".status.size")]
[PrinterColumn("Phase", "string", ".status.phase")]
[PrinterColumn("Last-Successful-Backup", "date", ".status.lastBackupTime", Format = "date-time")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class Repository : CustomResource<RepositorySpec, RepositoryStatus>;

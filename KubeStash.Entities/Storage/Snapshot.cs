using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Storage;

/// <summary>
/// One backup run of an application into one Repository; several components of the application may be in one
/// Snapshot. Created by KubeStash in the Repository's namespace, not by users.
/// </summary>
[KubernetesEntity(Group = "storage.kubestash.com", ApiVersion = "v1alpha1", Kind = "Snapshot", PluralName = "snapshots")]
[Categories("kubestash", "appscode")]
[PrinterColumn("Repository", "string", ".spec.repository")]
[PrinterColumn("Session", "string", ".spec.session")]
[PrinterColumn("Snapshot-Time", "string", ".status.snapshotTime")]
[PrinterColumn("Deletion-Policy", "string", ".spec.deletionPolicy")]
[PrinterColumn("Phase", "string", ".status.phase")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class Snapshot : CustomResource<SnapshotSpec, SnapshotStatus>;

using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Core;

/// <summary>
/// One backup run of the target of a BackupConfiguration's session. Created by the session's CronJob, or by hand to
/// back up at once; named <c>&lt;backupconfiguration&gt;-&lt;session&gt;-&lt;unix time&gt;</c>.
/// </summary>
[KubernetesEntity(Group = "core.kubestash.com", ApiVersion = "v1alpha1", Kind = "BackupSession", PluralName = "backupsessions")]
[Categories("kubestash", "appscode", "all")]
[PrinterColumn("Invoker-Type", "string", ".spec.invoker.kind")]
[PrinterColumn("Invoker-Name", "string", ".spec.invoker.name")]
[PrinterColumn("Phase", "string", ".status.phase")]
[PrinterColumn("Duration", "string", ".status.duration")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class BackupSession : CustomResource<BackupSessionSpec, BackupSessionStatus>;

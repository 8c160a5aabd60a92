using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Core;

/// <summary>One restore run: the target to restore into and the backed-up data to restore.</summary>
[KubernetesEntity(Group = "core.kubestash.com", ApiVersion = "v1alpha1", Kind = "RestoreSession", PluralName = "restoresessions")]
[ShortNames("restore")]
[Categories("kubestash", "appscode", "all")]
[PrinterColumn("Repository", "string", ".spec.dataSource.repository")]
[PrinterColumn("Failure-Policy", "string", ".spec.failurePolicy")]
[PrinterColumn("Phase", "string", ".status.phase")]
[PrinterColumn("Duration", "string", ".status.duration")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class RestoreSession : CustomResource<RestoreSessionSpec, RestoreSessionStatus>;

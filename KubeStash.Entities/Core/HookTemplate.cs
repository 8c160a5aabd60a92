using k8s.Models;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Core;

/// <summary>Template of an action executed before or after a backup/restore, e.g. pausing an application. Has no status.</summary>
[KubernetesEntity(Group = "core.kubestash.com", ApiVersion = "v1alpha1", Kind = "HookTemplate", PluralName = "hooktemplates")]
[Categories("kubestash", "appscode", "all")]
[PrinterColumn("Executor", "string", ".spec.executor.type")]
[PrinterColumn("Timeout", "string", ".spec.timeout")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class HookTemplate : CustomResource<HookTemplateSpec>;

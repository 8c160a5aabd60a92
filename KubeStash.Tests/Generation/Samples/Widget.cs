using k8s.Models;
using KubeStash.Entities;
using KubeStash.Entities.Schema;

namespace KubeStash.Tests.Generation.Samples;

/// <summary>A test-only namespaced entity with a status subresource that exercises every schema mapping.</summary>
[KubernetesEntity(Group = "generation.test.example", ApiVersion = "v1alpha1", Kind = "Widget", PluralName = "widgets")]
[ShortNames("wd", "wdg")]
[Categories("testing", "all-widgets")]
[PrinterColumn("Phase", "string", ".status.phase")]
[PrinterColumn("Replicas", "integer", ".spec.replicas", Priority = 1, Description = "Desired replicas")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class Widget : CustomResource<WidgetSpec, WidgetStatus>;

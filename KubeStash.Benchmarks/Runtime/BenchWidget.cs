using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KubeStash.Benchmarks.Runtime;

/// <summary>The benchmark's entity: a namespaced custom resource with a spec size and a /status subresource.</summary>
[KubernetesEntity(Group = "bench.runtime.example.com", ApiVersion = "v1", Kind = "BenchWidget", PluralName = "benchwidgets")]
internal sealed class BenchWidget : IKubernetesObject<V1ObjectMeta>, IStatus<BenchWidgetStatus>
{
    public const string CustomResourceDefinition = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: benchwidgets.bench.runtime.example.com
        spec:
          group: bench.runtime.example.com
          scope: Namespaced
          names: {kind: BenchWidget, listKind: BenchWidgetList, plural: benchwidgets, singular: benchwidget}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec: {type: object, properties: {size: {type: integer}}}
                  status: {type: object, properties: {observedGeneration: {type: integer}, observedSize: {type: integer}}}
        """;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "bench.runtime.example.com/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "BenchWidget";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public BenchWidgetSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public BenchWidgetStatus Status { get; set; } = new();
}

internal sealed class BenchWidgetSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }
}

internal sealed class BenchWidgetStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("observedSize")]
    public int? ObservedSize { get; set; }
}

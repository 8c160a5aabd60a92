using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KubeStash.Tests.Runtime;

/// <summary>A small namespaced test entity with a /status subresource.</summary>
[KubernetesEntity(Group = TestWidget.Group, ApiVersion = "v1", Kind = "TestWidget", PluralName = "testwidgets")]
public sealed class TestWidget : IKubernetesObject<V1ObjectMeta>, IStatus<TestWidgetStatus>
{
    public const string Group = "runtime.test.example.com";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "TestWidget";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TestWidgetSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TestWidgetStatus Status { get; set; } = new();

    public static TestWidget Create(string name, string @namespace = "default", int size = 1)
        => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace }, Spec = new TestWidgetSpec { Size = size } };
}

using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>An API version and kind, as in Kubernetes' <c>metav1.TypeMeta</c>.</summary>
public sealed class TypeMeta
{
    /// <summary>API version, e.g. <c>apps/v1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>Kind, e.g. <c>Deployment</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }
}

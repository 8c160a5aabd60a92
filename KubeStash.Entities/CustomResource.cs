using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace KubeStash.Entities;

/// <summary>A custom resource with a desired state only (no status subresource).</summary>
/// <typeparam name="TSpec">The desired state.</typeparam>
public abstract class CustomResource<TSpec> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>
    where TSpec : new()
{
    /// <summary>APIVersion defines the versioned schema of this representation of an object.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    /// <summary>Kind is a string value representing the REST resource this object represents.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    /// <summary>Standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired state of the object.</summary>
    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();
}

using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>Restricts which namespaces may use a shared resource; without it only the resource's own namespace may.</summary>
public sealed class UsagePolicy
{
    /// <summary>The namespaces allowed to use the resource.</summary>
    [JsonPropertyName("allowedNamespaces")]
    public AllowedNamespaces? AllowedNamespaces { get; set; }
}

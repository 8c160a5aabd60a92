using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Common;

/// <summary>Which namespaces may use a shared resource.</summary>
public sealed class AllowedNamespaces
{
    /// <summary>How to select the allowed namespaces: All, Selector or Same.</summary>
    [JsonPropertyName("from")]
    public FromNamespaces? From { get; set; }

    /// <summary>Namespace label selector; used only when <c>from</c> is Selector.</summary>
    [JsonPropertyName("selector")]
    public V1LabelSelector? Selector { get; set; }
}

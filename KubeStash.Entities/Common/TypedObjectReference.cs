using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>A reference to an object of any kind (kmodules' <c>kmapi.TypedObjectReference</c>).</summary>
public sealed class TypedObjectReference
{
    /// <summary>API group of the referent; empty for the core group.</summary>
    [JsonPropertyName("apiGroup")]
    public string? ApiGroup { get; set; }

    /// <summary>Kind of the referent, e.g. <c>StatefulSet</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>Namespace of the referent; empty for cluster-scoped kinds or the referring object's namespace.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>Name of the referent.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;
}

using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>A reference to an object of a known kind by name and optional namespace (kmodules' <c>kmapi.ObjectReference</c>).</summary>
public sealed class ObjectReference
{
    /// <summary>Namespace of the referent; empty means the namespace of the referring object.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>Name of the referent.</summary>
    [Required]
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;
}

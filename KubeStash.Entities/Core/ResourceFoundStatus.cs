using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Whether an object that a session depends on exists.</summary>
public sealed class ResourceFoundStatus
{
    /// <summary>API group of the object.</summary>
    [JsonPropertyName("apiGroup")]
    public string? ApiGroup { get; set; }

    /// <summary>Kind of the object, e.g. <c>Addon</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    /// <summary>Namespace of the object.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>Name of the object.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Whether the object was found.</summary>
    [JsonPropertyName("found")]
    public bool? Found { get; set; }
}

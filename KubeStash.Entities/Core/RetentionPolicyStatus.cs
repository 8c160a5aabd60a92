using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>Whether the RetentionPolicy of a backend exists.</summary>
public sealed class RetentionPolicyStatus
{
    /// <summary>The RetentionPolicy.</summary>
    [JsonPropertyName("ref")]
    public ObjectReference? Ref { get; set; }

    /// <summary>Whether the RetentionPolicy was found.</summary>
    [JsonPropertyName("found")]
    public bool? Found { get; set; }

    /// <summary>Why the RetentionPolicy could not be used.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}

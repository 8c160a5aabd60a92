using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>Whether a RetentionPolicy was applied to a Repository after a backup.</summary>
public sealed class RetentionPolicyApplyStatus
{
    /// <summary>The RetentionPolicy applied.</summary>
    [JsonPropertyName("ref")]
    public ObjectReference? Ref { get; set; }

    /// <summary>Name of the Repository it was applied to.</summary>
    [JsonPropertyName("repository")]
    public string? Repository { get; set; }

    /// <summary>State of applying the policy.</summary>
    [JsonPropertyName("phase")]
    public RetentionPolicyApplyPhase? Phase { get; set; }

    /// <summary>Why applying the policy failed.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }
}

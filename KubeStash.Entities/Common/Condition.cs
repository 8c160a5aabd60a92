using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>One observation of an aspect of an object's state (kmodules' <c>kmapi.Condition</c>).</summary>
public sealed class Condition
{
    /// <summary>Type of condition in CamelCase, e.g. <c>BackendInitialized</c>.</summary>
    [Required]
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    /// <summary>Status of the condition: True, False or Unknown.</summary>
    [Required]
    [JsonPropertyName("status")]
    public ConditionStatus Status { get; set; } = ConditionStatus.Unknown;

    /// <summary>The <c>.metadata.generation</c> the condition was set for; stale if lower than the object's current generation.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Last time the condition transitioned from one status to another.</summary>
    [Required]
    [JsonPropertyName("lastTransitionTime")]
    public DateTime? LastTransitionTime { get; set; }

    /// <summary>Machine-readable reason for the condition's last transition, in CamelCase.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>Human-readable message with details about the transition.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Severity of a condition that does not hold: Error, Warning or Info.</summary>
    [JsonPropertyName("severity")]
    public string? Severity { get; set; }
}

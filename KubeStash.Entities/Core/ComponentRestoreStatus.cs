using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Restore state of one component.</summary>
public sealed class ComponentRestoreStatus
{
    /// <summary>Restore phase of the component.</summary>
    [JsonPropertyName("phase")]
    public RestorePhase? Phase { get; set; }

    /// <summary>Time taken to restore the component, as a Go duration.</summary>
    [JsonPropertyName("duration")]
    public string? Duration { get; set; }

    /// <summary>Why restoring the component failed.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }
}

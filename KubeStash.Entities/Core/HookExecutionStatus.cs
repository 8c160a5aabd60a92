using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Outcome of one hook.</summary>
public sealed class HookExecutionStatus
{
    /// <summary>Name of the hook.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Outcome of the hook's execution.</summary>
    [JsonPropertyName("phase")]
    public HookExecutionPhase? Phase { get; set; }
}

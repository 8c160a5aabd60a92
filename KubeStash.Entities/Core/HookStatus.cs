using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Outcomes of the hooks of a session.</summary>
public sealed class HookStatus
{
    /// <summary>Outcomes of the hooks run before the backup/restore.</summary>
    [JsonPropertyName("preHooks")]
    public IList<HookExecutionStatus>? PreHooks { get; set; }

    /// <summary>Outcomes of the hooks run after the backup/restore.</summary>
    [JsonPropertyName("postHooks")]
    public IList<HookExecutionStatus>? PostHooks { get; set; }
}

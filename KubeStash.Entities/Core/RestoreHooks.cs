using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Hooks executed before and after a restore.</summary>
public sealed class RestoreHooks
{
    /// <summary>Hooks executed before the restore.</summary>
    [JsonPropertyName("preRestore")]
    public IList<HookInfo>? PreRestore { get; set; }

    /// <summary>Hooks executed after the restore.</summary>
    [JsonPropertyName("postRestore")]
    public IList<HookInfo>? PostRestore { get; set; }
}

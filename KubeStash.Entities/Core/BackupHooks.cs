using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Hooks executed before and after a backup.</summary>
public sealed class BackupHooks
{
    /// <summary>Hooks executed before the backup.</summary>
    [JsonPropertyName("preBackup")]
    public IList<HookInfo>? PreBackup { get; set; }

    /// <summary>Hooks executed after the backup.</summary>
    [JsonPropertyName("postBackup")]
    public IList<HookInfo>? PostBackup { get; set; }
}

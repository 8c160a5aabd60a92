using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>How many failed Snapshots to keep.</summary>
public sealed class FailedSnapshotsKeepPolicy
{
    /// <summary>Number of most recent failed Snapshots to keep; KubeStash keeps 1 by default.</summary>
    [JsonPropertyName("last")]
    public int? Last { get; set; }
}

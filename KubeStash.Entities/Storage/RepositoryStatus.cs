using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Storage;

/// <summary>Observed state of a Repository.</summary>
public sealed class RepositoryStatus
{
    /// <summary>Current state of the Repository.</summary>
    [JsonPropertyName("phase")]
    public RepositoryPhase? Phase { get; set; }

    /// <summary>When the last successful backup was taken.</summary>
    [JsonPropertyName("lastBackupTime")]
    public DateTime? LastBackupTime { get; set; }

    /// <summary>Whether the backed-up data of this Repository is intact (not corrupted).</summary>
    [JsonPropertyName("integrity")]
    public bool? Integrity { get; set; }

    /// <summary>Number of Snapshots currently stored in this Repository.</summary>
    [JsonPropertyName("snapshotCount")]
    public int? SnapshotCount { get; set; }

    /// <summary>Amount of backed-up data stored in this Repository.</summary>
    [JsonPropertyName("size")]
    public string? Size { get; set; }

    /// <summary>The most recent Snapshots (at most five) taken in this Repository.</summary>
    [JsonPropertyName("recentSnapshots")]
    public IList<SnapshotInfo>? RecentSnapshots { get; set; }

    /// <summary>Conditions of this Repository, e.g. RepositoryInitialized.</summary>
    [JsonPropertyName("conditions")]
    public IList<Condition>? Conditions { get; set; }

    /// <summary>Paths of the components stored in this Repository.</summary>
    [JsonPropertyName("componentPaths")]
    public IList<string>? ComponentPaths { get; set; }
}

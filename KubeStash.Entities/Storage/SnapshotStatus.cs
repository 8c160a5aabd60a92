using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Storage;

/// <summary>Observed state of a Snapshot.</summary>
public sealed class SnapshotStatus
{
    /// <summary>Overall backup phase of this Snapshot.</summary>
    [JsonPropertyName("phase")]
    public SnapshotPhase? Phase { get; set; }

    /// <summary>Whether this Snapshot has been verified.</summary>
    [JsonPropertyName("verificationStatus")]
    public VerificationStatus? VerificationStatus { get; set; }

    /// <summary>When this Snapshot was taken.</summary>
    [JsonPropertyName("snapshotTime")]
    public DateTime? SnapshotTime { get; set; }

    /// <summary>When this Snapshot was last updated.</summary>
    [JsonPropertyName("lastUpdateTime")]
    public DateTime? LastUpdateTime { get; set; }

    /// <summary>Size of this Snapshot.</summary>
    [JsonPropertyName("size")]
    public string? Size { get; set; }

    /// <summary>Whether the Snapshot's data is intact (not corrupted).</summary>
    [JsonPropertyName("integrity")]
    public bool? Integrity { get; set; }

    /// <summary>Conditions of this Snapshot, e.g. SnapshotMetadataUploaded and RecentSnapshotListUpdated.</summary>
    [JsonPropertyName("conditions")]
    public IList<Condition>? Conditions { get; set; }

    /// <summary>Number of components in this Snapshot.</summary>
    [JsonPropertyName("totalComponents")]
    public int? TotalComponents { get; set; }

    /// <summary>Backup information of each component, keyed by component name.</summary>
    [JsonPropertyName("components")]
    public IDictionary<string, Component>? Components { get; set; }
}

using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>Information specific to the VolumeSnapshotter driver about one VolumeSnapshot.</summary>
public sealed class VolumeSnapshotterStats
{
    /// <summary>Name of the PVC that was snapshotted.</summary>
    [JsonPropertyName("pvcName")]
    public string? PvcName { get; set; }

    /// <summary>Path in the workload corresponding to the PVC.</summary>
    [JsonPropertyName("hostPath")]
    public string? HostPath { get; set; }

    /// <summary>Name of the VolumeSnapshot created.</summary>
    [JsonPropertyName("volumeSnapshotName")]
    public string? VolumeSnapshotName { get; set; }

    /// <summary>When the VolumeSnapshot was created.</summary>
    [JsonPropertyName("volumeSnapshotTime")]
    public DateTime? VolumeSnapshotTime { get; set; }
}

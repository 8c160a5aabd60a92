using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>Summary of a recent Snapshot stored in a Repository.</summary>
public sealed class SnapshotInfo
{
    /// <summary>Name of the Snapshot.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Phase of the Snapshot.</summary>
    [JsonPropertyName("phase")]
    public SnapshotPhase? Phase { get; set; }

    /// <summary>Name of the session that took the Snapshot.</summary>
    [JsonPropertyName("session")]
    public string? Session { get; set; }

    /// <summary>Size of the Snapshot.</summary>
    [JsonPropertyName("size")]
    public string? Size { get; set; }

    /// <summary>When the Snapshot was taken.</summary>
    [JsonPropertyName("snapshotTime")]
    public DateTime? SnapshotTime { get; set; }
}

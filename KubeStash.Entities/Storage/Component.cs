using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Storage;

/// <summary>Backup information of one component of a Snapshot (e.g. <c>manifest</c>, or <c>pod-0</c> of a StatefulSet).</summary>
public sealed class Component
{
    /// <summary>Directory of this component's data, relative to the Repository's path.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>Backup phase of the component.</summary>
    [JsonPropertyName("phase")]
    public ComponentPhase? Phase { get; set; }

    /// <summary>Size of the component's backed-up data.</summary>
    [JsonPropertyName("size")]
    public string? Size { get; set; }

    /// <summary>Time taken to back up the component, as a Go duration (e.g. <c>10.59s</c>).</summary>
    [JsonPropertyName("duration")]
    public string? Duration { get; set; }

    /// <summary>Whether the component's data passed the integrity check.</summary>
    [JsonPropertyName("integrity")]
    public bool? Integrity { get; set; }

    /// <summary>Why the component's backup failed.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    /// <summary>The tool that uploaded the component's data.</summary>
    [JsonPropertyName("driver")]
    public Driver? Driver { get; set; }

    /// <summary>Restic-specific information.</summary>
    [JsonPropertyName("resticStats")]
    public IList<ResticStats>? ResticStats { get; set; }

    /// <summary>WalG-specific information.</summary>
    [JsonPropertyName("walGStats")]
    public WalGStats? WalGStats { get; set; }

    /// <summary>VolumeSnapshotter-specific information.</summary>
    [JsonPropertyName("volumeSnapshotterStats")]
    public IList<VolumeSnapshotterStats>? VolumeSnapshotterStats { get; set; }

    /// <summary>Write-ahead-log segments kept for the component.</summary>
    [JsonPropertyName("walSegments")]
    public IList<WalSegment>? WalSegments { get; set; }

    /// <summary>Solr-specific information.</summary>
    [JsonPropertyName("solrStats")]
    public IList<SolrStat>? SolrStats { get; set; }
}

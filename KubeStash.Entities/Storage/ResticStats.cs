using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>Information specific to the Restic driver about one restic snapshot.</summary>
public sealed class ResticStats
{
    /// <summary>The restic snapshot id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Amount of data uploaded for this restic snapshot.</summary>
    [JsonPropertyName("uploaded")]
    public string? Uploaded { get; set; }

    /// <summary>The backed-up path.</summary>
    [JsonPropertyName("hostPath")]
    public string? HostPath { get; set; }

    /// <summary>Size of the restic snapshot.</summary>
    [JsonPropertyName("size")]
    public string? Size { get; set; }

    /// <summary>When the restic command started.</summary>
    [JsonPropertyName("startTime")]
    public DateTime? StartTime { get; set; }

    /// <summary>When the restic command finished successfully.</summary>
    [JsonPropertyName("endTime")]
    public DateTime? EndTime { get; set; }
}

using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>Information specific to the WalG driver.</summary>
public sealed class WalGStats
{
    /// <summary>The WAL-G backup id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The databases backed up.</summary>
    [JsonPropertyName("databases")]
    public IList<string>? Databases { get; set; }

    /// <summary>When the WAL-G backup started.</summary>
    [JsonPropertyName("startTime")]
    public DateTime? StartTime { get; set; }

    /// <summary>When the WAL-G backup stopped.</summary>
    [JsonPropertyName("stopTime")]
    public DateTime? StopTime { get; set; }
}

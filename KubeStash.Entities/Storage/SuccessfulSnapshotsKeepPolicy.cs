using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>How many successful Snapshots to keep.</summary>
public sealed class SuccessfulSnapshotsKeepPolicy
{
    /// <summary>Number of most recent Snapshots to keep.</summary>
    [JsonPropertyName("last")]
    public int? Last { get; set; }

    /// <summary>Number of hourly Snapshots to keep.</summary>
    [JsonPropertyName("hourly")]
    public int? Hourly { get; set; }

    /// <summary>Number of daily Snapshots to keep.</summary>
    [JsonPropertyName("daily")]
    public int? Daily { get; set; }

    /// <summary>Number of weekly Snapshots to keep.</summary>
    [JsonPropertyName("weekly")]
    public int? Weekly { get; set; }

    /// <summary>Number of monthly Snapshots to keep.</summary>
    [JsonPropertyName("monthly")]
    public int? Monthly { get; set; }

    /// <summary>Number of yearly Snapshots to keep.</summary>
    [JsonPropertyName("yearly")]
    public int? Yearly { get; set; }
}

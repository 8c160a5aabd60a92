using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Point-in-time recovery: restore the latest Snapshot taken up to a target time.</summary>
public sealed class PointInTimeRecovery
{
    /// <summary>The date and time to roll the application data back to.</summary>
    [JsonPropertyName("targetTime")]
    public DateTime? TargetTime { get; set; }

    /// <summary>Whether to exclude a Snapshot taken exactly at <c>targetTime</c>.</summary>
    [JsonPropertyName("exclusive")]
    public bool? Exclusive { get; set; }
}

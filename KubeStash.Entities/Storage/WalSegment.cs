using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>A time range of write-ahead-log segments kept for a component.</summary>
public sealed class WalSegment
{
    /// <summary>Start of the range.</summary>
    [JsonPropertyName("start")]
    public DateTime? Start { get; set; }

    /// <summary>End of the range.</summary>
    [JsonPropertyName("end")]
    public DateTime? End { get; set; }
}

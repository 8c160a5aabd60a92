using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>CPU scheduling priority of a process, as <c>nice</c> sets it.</summary>
public sealed class NiceSettings
{
    /// <summary>Niceness adjustment, from -20 (highest priority) to 19 (lowest).</summary>
    [JsonPropertyName("adjustment")]
    public int? Adjustment { get; set; }
}

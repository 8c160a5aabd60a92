using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>I/O scheduling class and priority of a process, as <c>ionice</c> sets them.</summary>
public sealed class IONiceSettings
{
    /// <summary>Scheduling class: 1 realtime, 2 best-effort, 3 idle.</summary>
    [JsonPropertyName("class")]
    public int? Class { get; set; }

    /// <summary>Priority within the class, 0 (highest) to 7 (lowest).</summary>
    [JsonPropertyName("classData")]
    public int? ClassData { get; set; }
}

using System.Text.Json.Serialization;

namespace KubeStash.Tests.Generation.Samples;

/// <summary>A node of a recursive tree.</summary>
public sealed class WidgetNode
{
    /// <summary>Node value.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    /// <summary>Child nodes.</summary>
    [JsonPropertyName("children")]
    public IList<WidgetNode>? Children { get; set; }
}

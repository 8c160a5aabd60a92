using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace KubeStash.Tests.Generation.Samples;

/// <summary>A network port of a widget.</summary>
public sealed class WidgetPort
{
    /// <summary>Port name.</summary>
    [JsonPropertyName("name")]
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>Port number.</summary>
    [JsonPropertyName("port")]
    public int Port { get; set; }
}

using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Tests.Generation.Samples;

/// <summary>Observed state of a <see cref="Widget"/>.</summary>
public sealed class WidgetStatus
{
    /// <summary>Current phase.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>Latest observations.</summary>
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}

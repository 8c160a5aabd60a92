using System.Text.Json.Serialization;

namespace KubeStash.Tests.Runtime;

public sealed class TestWidgetStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("observedSize")]
    public int? ObservedSize { get; set; }

    [JsonPropertyName("phase")]
    public string? Phase { get; set; }
}

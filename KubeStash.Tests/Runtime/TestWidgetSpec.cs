using System.Text.Json.Serialization;

namespace KubeStash.Tests.Runtime;

public sealed class TestWidgetSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

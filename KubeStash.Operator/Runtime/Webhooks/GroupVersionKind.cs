using System.Text.Json.Serialization;

namespace KubeStash.Operator.Runtime.Webhooks;

/// <summary>The kind of the object under admission.</summary>
public sealed class GroupVersionKind
{
    [JsonPropertyName("group")]
    public string Group { get; set; } = string.Empty;

    [JsonPropertyName("version")]
    public string Version { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;
}

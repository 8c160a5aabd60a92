using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>One form field of an HTTP POST hook.</summary>
public sealed class HttpPostFormEntry
{
    /// <summary>Name of the form field.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; set; }

    /// <summary>Values of the form field.</summary>
    [JsonPropertyName("values")]
    public IList<string>? Values { get; set; }
}

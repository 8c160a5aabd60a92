using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>A check that an Elasticsearch index exists.</summary>
public sealed class IndexQuery
{
    /// <summary>Index that must exist.</summary>
    [JsonPropertyName("index")]
    public string? Index { get; set; }
}

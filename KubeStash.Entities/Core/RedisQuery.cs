using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>A check on a Redis database.</summary>
public sealed class RedisQuery
{
    /// <summary>Index of the database that must exist.</summary>
    [JsonPropertyName("index")]
    public int? Index { get; set; }

    /// <summary>Condition on the number of keys in the database.</summary>
    [JsonPropertyName("dbSize")]
    public MatchExpression? DbSize { get; set; }
}

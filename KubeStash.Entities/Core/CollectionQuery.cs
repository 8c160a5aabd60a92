using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>A check that a MongoDB database and collection exist.</summary>
public sealed class CollectionQuery
{
    /// <summary>Database that must exist.</summary>
    [JsonPropertyName("database")]
    public string? Database { get; set; }

    /// <summary>Collection that must exist in the database.</summary>
    [JsonPropertyName("collection")]
    public string? Collection { get; set; }

    /// <summary>Condition on the number of documents of the collection.</summary>
    [JsonPropertyName("documentCount")]
    public MatchExpression? DocumentCount { get; set; }
}

using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Client;

/// <summary>A list response: the items and the resource version the list was read at.</summary>
public sealed class EntityList<TEntity>
{
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public List<TEntity> Items { get; set; } = [];
}

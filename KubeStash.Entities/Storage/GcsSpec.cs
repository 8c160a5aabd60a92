using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>A Google Cloud Storage bucket.</summary>
public sealed class GcsSpec
{
    /// <summary>Name of the bucket.</summary>
    [JsonPropertyName("bucket")]
    public string? Bucket { get; set; }

    /// <summary>Directory inside the bucket where this storage keeps its data.</summary>
    [JsonPropertyName("prefix")]
    public string? Prefix { get; set; }

    /// <summary>Maximum number of concurrent connections used to upload or download data.</summary>
    [JsonPropertyName("maxConnections")]
    public long? MaxConnections { get; set; }

    /// <summary>Name of the Secret holding the access credentials.</summary>
    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }
}

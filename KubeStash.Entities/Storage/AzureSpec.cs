using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>An Azure Blob Storage container.</summary>
public sealed class AzureSpec
{
    /// <summary>Name of the Azure Storage Account.</summary>
    [JsonPropertyName("storageAccount")]
    public string? StorageAccount { get; set; }

    /// <summary>Name of the blob container.</summary>
    [JsonPropertyName("container")]
    public string? Container { get; set; }

    /// <summary>Directory inside the container where this storage keeps its data.</summary>
    [JsonPropertyName("prefix")]
    public string? Prefix { get; set; }

    /// <summary>Maximum number of concurrent connections used to upload or download data.</summary>
    [JsonPropertyName("maxConnections")]
    public long? MaxConnections { get; set; }

    /// <summary>Name of the Secret holding the access credentials.</summary>
    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }
}

using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>Where backed-up data is stored: the provider and the settings of that provider.</summary>
public sealed class Backend
{
    /// <summary>The provider of the storage: local, s3, gcs or azure.</summary>
    [JsonPropertyName("provider")]
    public StorageProvider? Provider { get; set; }

    /// <summary>Settings of a local (Kubernetes volume) storage.</summary>
    [JsonPropertyName("local")]
    public LocalSpec? Local { get; set; }

    /// <summary>Settings of an AWS S3 or S3-compatible bucket.</summary>
    [JsonPropertyName("s3")]
    public S3Spec? S3 { get; set; }

    /// <summary>Settings of a Google Cloud Storage bucket.</summary>
    [JsonPropertyName("gcs")]
    public GcsSpec? Gcs { get; set; }

    /// <summary>Settings of an Azure Blob container.</summary>
    [JsonPropertyName("azure")]
    public AzureSpec? Azure { get; set; }
}

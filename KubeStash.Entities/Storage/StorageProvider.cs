using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>The kind of storage behind a BackupStorage.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StorageProvider>))]
public enum StorageProvider
{
    /// <summary>A Kubernetes volume (hostPath, PVC, NFS…) mounted into the jobs.</summary>
    [JsonStringEnumMemberName("local")]
    Local,

    /// <summary>AWS S3 or an S3-compatible service such as MinIO.</summary>
    [JsonStringEnumMemberName("s3")]
    S3,

    /// <summary>Google Cloud Storage.</summary>
    [JsonStringEnumMemberName("gcs")]
    Gcs,

    /// <summary>Azure Blob Storage.</summary>
    [JsonStringEnumMemberName("azure")]
    Azure,
}

using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>An AWS S3 or S3-compatible bucket.</summary>
public sealed class S3Spec
{
    /// <summary>URL of the S3 or S3-compatible service, e.g. <c>s3.amazonaws.com</c> or <c>https://minio.example:9000</c>.</summary>
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; set; }

    /// <summary>Name of the bucket.</summary>
    [JsonPropertyName("bucket")]
    public string? Bucket { get; set; }

    /// <summary>Directory inside the bucket where this storage keeps its data.</summary>
    [JsonPropertyName("prefix")]
    public string? Prefix { get; set; }

    /// <summary>Region of the bucket.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; set; }

    /// <summary>Name of the Secret holding the access credentials (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, optional <c>CA_CERT_DATA</c>).</summary>
    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }

    /// <summary>Skip TLS certificate verification; only for servers with self-signed certificates.</summary>
    [JsonPropertyName("insecureTLS")]
    public bool? InsecureTls { get; set; }
}

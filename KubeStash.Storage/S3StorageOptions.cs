namespace KubeStash.Storage;

/// <summary>
/// KubeStash's <c>spec.storage.s3</c>. Credentials come from the Secret <see cref="SecretName"/>:
/// <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, optional <c>CA_CERT_DATA</c> (PEM).
/// </summary>
public sealed record S3StorageOptions
{
    /// <summary>e.g. <c>https://s3.amazonaws.com</c> or <c>http://minio.storage:9000</c>; no scheme means https.</summary>
    public required string Endpoint { get; init; }

    public required string Bucket { get; init; }

    public string? Region { get; init; }

    public string? Prefix { get; init; }

    /// <summary>Skip TLS certificate verification.</summary>
    public bool InsecureTls { get; init; }

    public string? SecretName { get; init; }

    /// <summary>Create the bucket when it does not exist (not a KubeStash field; on by default).</summary>
    public bool CreateBucketIfMissing { get; init; } = true;
}

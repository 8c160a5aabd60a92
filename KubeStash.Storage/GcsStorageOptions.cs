namespace KubeStash.Storage;

/// <summary>KubeStash's <c>spec.storage.gcs</c>. Recognised so that it can be reported as not supported yet.</summary>
public sealed record GcsStorageOptions
{
    public required string Bucket { get; init; }

    public string? Prefix { get; init; }

    public int? MaxConnections { get; init; }

    public string? SecretName { get; init; }
}

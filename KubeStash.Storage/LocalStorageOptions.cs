namespace KubeStash.Storage;

/// <summary>KubeStash's <c>spec.storage.local</c>: a mounted volume (the volume source is the Job's business) and a sub-path in it.</summary>
public sealed record LocalStorageOptions
{
    public required string MountPath { get; init; }

    public string? SubPath { get; init; }
}

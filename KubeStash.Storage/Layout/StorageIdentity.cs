namespace KubeStash.Storage.Layout;

/// <summary>
/// <c>&lt;prefix&gt;/metadata.yaml</c>: which BackupStorage owns this bucket+prefix. Written once; a different
/// BackupStorage pointing at the same place is refused.
/// </summary>
public sealed record StorageIdentity
{
    public const string CurrentKind = "KubeStashBackupStorage";

    public string Kind { get; init; } = CurrentKind;

    public int FormatVersion { get; init; } = 1;

    /// <summary><c>namespace/name</c> of the owning BackupStorage.</summary>
    public string BackupStorage { get; init; } = string.Empty;

    /// <summary>The owner's metadata.uid when it was claimed (informational: a re-created object of the same name is the same owner).</summary>
    public string? Uid { get; init; }

    public string Provider { get; init; } = string.Empty;

    /// <summary>RFC 3339, UTC.</summary>
    public string CreatedAt { get; init; } = string.Empty;
}

using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Storage;

/// <summary>Observed state of a BackupStorage.</summary>
public sealed class BackupStorageStatus
{
    /// <summary>Overall phase: Ready only if the backend is initialised, its secret exists and the repositories are synced.</summary>
    [JsonPropertyName("phase")]
    public BackupStoragePhase? Phase { get; set; }

    /// <summary>Total size of the backed-up data: the sum of the sizes of all repositories using this storage.</summary>
    [JsonPropertyName("totalSize")]
    public string? TotalSize { get; set; }

    /// <summary>The repositories that use this storage.</summary>
    [JsonPropertyName("repositories")]
    public IList<RepositoryInfo>? Repositories { get; set; }

    /// <summary>Conditions of this BackupStorage, e.g. BackendInitialized and BackendSecretFound.</summary>
    [JsonPropertyName("conditions")]
    public IList<Condition>? Conditions { get; set; }
}

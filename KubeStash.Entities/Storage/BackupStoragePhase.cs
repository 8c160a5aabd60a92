using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>Overall state of a BackupStorage.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackupStoragePhase>))]
public enum BackupStoragePhase
{
    /// <summary>The storage is initialised, its secret exists and its repositories are synced.</summary>
    Ready,

    /// <summary>The storage cannot be used yet.</summary>
    NotReady,
}

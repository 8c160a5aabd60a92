using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>Whether a Snapshot holds a full or an incremental backup.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackupType>))]
public enum BackupType
{
    /// <summary>A complete backup.</summary>
    FullBackup,

    /// <summary>A backup of the changes since an earlier Snapshot.</summary>
    IncrementalBackup,
}

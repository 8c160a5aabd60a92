using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Storage;

/// <summary>The application backed up in a Snapshot, the Repository storing it and the session that took it.</summary>
public sealed class SnapshotSpec
{
    /// <summary>Universally Unique Lexicographically Sortable Identifier (ULID) of the Snapshot.</summary>
    [JsonPropertyName("snapshotID")]
    public string? SnapshotId { get; set; }

    /// <summary>Whether the Snapshot is a full or an incremental backup.</summary>
    [JsonPropertyName("type")]
    public BackupType? Type { get; set; }

    /// <summary>Name of the Repository where this Snapshot is stored.</summary>
    [JsonPropertyName("repository")]
    public string? Repository { get; set; }

    /// <summary>Name of the session (of the BackupConfiguration) responsible for this Snapshot.</summary>
    [JsonPropertyName("session")]
    public string? Session { get; set; }

    /// <summary>Name of the BackupSession that took this Snapshot.</summary>
    [JsonPropertyName("backupSession")]
    public string? BackupSession { get; set; }

    /// <summary>Version of the data layout inside the Repository, e.g. <c>v1</c>.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>The application backed up in this Snapshot.</summary>
    [JsonPropertyName("appRef")]
    public TypedObjectReference? AppRef { get; set; }

    /// <summary>
    /// What to do when the Snapshot is deleted: Delete keeps the backed-up data (the default); WipeOut also deletes it
    /// from the storage.
    /// </summary>
    [JsonPropertyName("deletionPolicy")]
    public DeletionPolicy? DeletionPolicy { get; set; }

    /// <summary>Whether KubeStash stops processing events for this Snapshot.</summary>
    [JsonPropertyName("paused")]
    public bool? Paused { get; set; }
}

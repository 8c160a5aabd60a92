using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Storage;

/// <summary>The application backed up in a Repository, the BackupStorage holding its data, and its deletion behaviour.</summary>
public sealed class RepositorySpec
{
    /// <summary>The application whose backups this Repository holds.</summary>
    [JsonPropertyName("appRef")]
    public TypedObjectReference? AppRef { get; set; }

    /// <summary>The BackupStorage where the data is stored; it may be in another namespace that allows this one.</summary>
    [JsonPropertyName("storageRef")]
    public TypedObjectReference? StorageRef { get; set; }

    /// <summary>Directory of this Repository inside the BackupStorage, relative to its prefix; unique per BackupStorage.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>
    /// What to do when the Repository is deleted: Delete removes its Snapshot objects but keeps the data (the default);
    /// WipeOut also deletes the backed-up data from the storage.
    /// </summary>
    [JsonPropertyName("deletionPolicy")]
    public DeletionPolicy? DeletionPolicy { get; set; }

    /// <summary>The Secret holding the key that encrypts and decrypts the backed-up data; it may be in another namespace.</summary>
    [JsonPropertyName("encryptionSecret")]
    public ObjectReference? EncryptionSecret { get; set; }

    /// <summary>Whether KubeStash stops processing events for this Repository.</summary>
    [JsonPropertyName("paused")]
    public bool? Paused { get; set; }
}

using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Storage;

/// <summary>The remote storage, who may use it, and what happens to its data when it is deleted.</summary>
public sealed class BackupStorageSpec
{
    /// <summary>The remote storage where backed-up data is kept.</summary>
    [JsonPropertyName("storage")]
    public Backend? Storage { get; set; }

    /// <summary>Which namespaces may use this BackupStorage; without it only its own namespace may.</summary>
    [JsonPropertyName("usagePolicy")]
    public UsagePolicy? UsagePolicy { get; set; }

    /// <summary>Whether this is the default BackupStorage of its namespace and of the namespaces allowed to use it; a namespace has at most one.</summary>
    [JsonPropertyName("default")]
    public bool? Default { get; set; }

    /// <summary>
    /// What to do when the BackupStorage is deleted: Delete removes the Repository and Snapshot objects but keeps the data
    /// (the default); WipeOut also deletes the backed-up data from the storage.
    /// </summary>
    [JsonPropertyName("deletionPolicy")]
    public DeletionPolicy? DeletionPolicy { get; set; }

    /// <summary>Runtime settings of the storage initializer and cleaner jobs.</summary>
    [JsonPropertyName("runtimeSettings")]
    public RuntimeSettings? RuntimeSettings { get; set; }
}

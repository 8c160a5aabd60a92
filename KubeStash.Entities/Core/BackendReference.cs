using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>A named backend of a BackupConfiguration: a BackupStorage and the RetentionPolicy applied to it.</summary>
public sealed class BackendReference
{
    /// <summary>Identifier of this backend, unique within the BackupConfiguration.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The BackupStorage; it may be in another namespace whose usage policy allows this one.</summary>
    [JsonPropertyName("storageRef")]
    public ObjectReference? StorageRef { get; set; }

    /// <summary>The RetentionPolicy cleaning up old Snapshots; without it the namespace's default RetentionPolicy is used.</summary>
    [JsonPropertyName("retentionPolicy")]
    public ObjectReference? RetentionPolicy { get; set; }
}

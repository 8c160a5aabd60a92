using System.Text.Json.Serialization;
using KubeStash.Entities.Common;
using KubeStash.Entities.Storage;

namespace KubeStash.Entities.Core;

/// <summary>State of the BackupStorage behind a backend.</summary>
public sealed class StorageStatus
{
    /// <summary>The BackupStorage.</summary>
    [JsonPropertyName("ref")]
    public ObjectReference? Ref { get; set; }

    /// <summary>Phase of the BackupStorage.</summary>
    [JsonPropertyName("phase")]
    public BackupStoragePhase? Phase { get; set; }

    /// <summary>Why the BackupStorage is not ready.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}

using System.Text.Json.Serialization;
using KubeStash.Entities.Common;
using KubeStash.Entities.Storage;

namespace KubeStash.Entities.Core;

/// <summary>State of one Snapshot taken by a BackupSession.</summary>
public sealed class SessionSnapshotStatus
{
    /// <summary>Name of the Snapshot.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Phase of the Snapshot.</summary>
    [JsonPropertyName("phase")]
    public SnapshotPhase? Phase { get; set; }

    /// <summary>The application backed up in the Snapshot.</summary>
    [JsonPropertyName("appRef")]
    public TypedObjectReference? AppRef { get; set; }

    /// <summary>Name of the Repository where the Snapshot is stored.</summary>
    [JsonPropertyName("repository")]
    public string? Repository { get; set; }
}

using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Whether a backend of a BackupConfiguration is ready.</summary>
public sealed class BackendStatus
{
    /// <summary>Name of the backend.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Whether the backend is ready.</summary>
    [JsonPropertyName("ready")]
    public bool? Ready { get; set; }

    /// <summary>State of the backend's BackupStorage.</summary>
    [JsonPropertyName("storage")]
    public StorageStatus? Storage { get; set; }

    /// <summary>State of the backend's RetentionPolicy.</summary>
    [JsonPropertyName("retentionPolicy")]
    public RetentionPolicyStatus? RetentionPolicy { get; set; }
}

using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>A Repository that keeps its data in a BackupStorage.</summary>
public sealed class RepositoryInfo
{
    /// <summary>Name of the Repository.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Namespace of the Repository.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>Directory of the Repository, relative to the BackupStorage's prefix.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>Size of the backed-up data in the Repository, e.g. <c>12.222 MiB</c>.</summary>
    [JsonPropertyName("size")]
    public string? Size { get; set; }

    /// <summary>Whether the Repository object has been synced with the state in the storage.</summary>
    [JsonPropertyName("synced")]
    public bool? Synced { get; set; }

    /// <summary>Why syncing the Repository failed.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }
}

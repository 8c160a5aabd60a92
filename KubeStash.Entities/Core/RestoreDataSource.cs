using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>The backed-up data to restore.</summary>
public sealed class RestoreDataSource
{
    /// <summary>Namespace of the Repository and Snapshot; the RestoreSession's namespace when empty.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>Name of the Repository to restore from; may be empty if the Snapshot is given.</summary>
    [JsonPropertyName("repository")]
    public string? Repository { get; set; }

    /// <summary>Name of the Snapshot to restore, or <c>latest</c>; leave empty to use <c>pitr</c>.</summary>
    [JsonPropertyName("snapshot")]
    public string? Snapshot { get; set; }

    /// <summary>Point-in-time recovery instead of a named Snapshot.</summary>
    [JsonPropertyName("pitr")]
    public PointInTimeRecovery? Pitr { get; set; }

    /// <summary>Components to restore; empty restores every component of the Snapshot.</summary>
    [JsonPropertyName("components")]
    public IList<string>? Components { get; set; }

    /// <summary>The Secret holding the key that decrypts the backed-up data; it may be in another namespace.</summary>
    [JsonPropertyName("encryptionSecret")]
    public ObjectReference? EncryptionSecret { get; set; }
}

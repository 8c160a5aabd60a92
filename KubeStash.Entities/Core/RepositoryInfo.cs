using System.Text.Json.Serialization;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>A Repository that KubeStash creates for a session and in which the backed-up data is stored.</summary>
public sealed class RepositoryInfo
{
    /// <summary>Name of the Repository.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Name of the backend (from <c>.spec.backends</c>) where the Repository is initialised; empty uses the default backend.</summary>
    [JsonPropertyName("backend")]
    public string? Backend { get; set; }

    /// <summary>Directory inside the backend where the Repository stores its data.</summary>
    [JsonPropertyName("directory")]
    public string? Directory { get; set; }

    /// <summary>The Secret holding the encryption key of the backed-up data; it may be in another namespace.</summary>
    [JsonPropertyName("encryptionSecret")]
    public ObjectReference? EncryptionSecret { get; set; }

    /// <summary>What happens to the Repository when the BackupConfiguration is deleted: Delete, WipeOut or Retain.</summary>
    [JsonPropertyName("deletionPolicy")]
    public BackupConfigDeletionPolicy? DeletionPolicy { get; set; }

    /// <summary>Name of the verification strategy used to verify the data in this Repository.</summary>
    [JsonPropertyName("verificationStrategy")]
    public string? VerificationStrategy { get; set; }
}

using System.Text.Json.Serialization;
using KubeStash.Entities.Storage;

namespace KubeStash.Entities.Core;

/// <summary>Whether a Repository of a BackupConfiguration is ready.</summary>
public sealed class RepoStatus
{
    /// <summary>Name of the Repository.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Phase of the Repository.</summary>
    [JsonPropertyName("phase")]
    public RepositoryPhase? Phase { get; set; }

    /// <summary>Why the Repository could not be ensured.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>Whether backup verification is configured for this Repository.</summary>
    [JsonPropertyName("verificationConfigured")]
    public bool? VerificationConfigured { get; set; }
}

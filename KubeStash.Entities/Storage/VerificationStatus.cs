using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>Whether a Snapshot's data has been verified.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerificationStatus>))]
public enum VerificationStatus
{
    /// <summary>Verification succeeded.</summary>
    Verified,

    /// <summary>Not verified yet.</summary>
    NotVerified,

    /// <summary>Verification failed.</summary>
    VerificationFailed,
}

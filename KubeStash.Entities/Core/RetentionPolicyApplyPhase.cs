using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>State of applying a RetentionPolicy to a Repository.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RetentionPolicyApplyPhase>))]
public enum RetentionPolicyApplyPhase
{
    /// <summary>Not applied yet.</summary>
    Pending,

    /// <summary>Old Snapshots were cleaned up.</summary>
    Applied,

    /// <summary>Cleaning up failed.</summary>
    FailedToApply,
}

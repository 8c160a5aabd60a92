using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>What to do when a backup or restore fails.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FailurePolicy>))]
public enum FailurePolicy
{
    /// <summary>Mark the session failed.</summary>
    Fail,

    /// <summary>Retry according to the retry configuration.</summary>
    Retry,
}

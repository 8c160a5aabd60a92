using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>Whether a condition holds, as in Kubernetes' <c>metav1.ConditionStatus</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionStatus>))]
public enum ConditionStatus
{
    /// <summary>The condition holds.</summary>
    True,

    /// <summary>The condition does not hold.</summary>
    False,

    /// <summary>Whether the condition holds cannot be determined.</summary>
    Unknown,
}

using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Comparison applied to a counted value during verification.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MatchOperator>))]
public enum MatchOperator
{
    /// <summary>The count equals the value.</summary>
    Equal,

    /// <summary>The count differs from the value.</summary>
    NotEqual,

    /// <summary>The count is less than the value.</summary>
    LessThan,

    /// <summary>The count is at most the value.</summary>
    LessThanOrEqual,

    /// <summary>The count is greater than the value.</summary>
    GreaterThan,

    /// <summary>The count is at least the value.</summary>
    GreaterThanOrEqual,
}

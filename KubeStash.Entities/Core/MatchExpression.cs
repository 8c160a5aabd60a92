using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>A condition on a counted value, e.g. the row count of a table.</summary>
public sealed class MatchExpression
{
    /// <summary>Comparison to apply.</summary>
    [JsonPropertyName("operator")]
    public MatchOperator? Operator { get; set; }

    /// <summary>Value to compare the count with.</summary>
    [JsonPropertyName("value")]
    public long? Value { get; set; }
}

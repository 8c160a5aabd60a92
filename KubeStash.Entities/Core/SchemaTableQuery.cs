using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>A check that a database, schema and table exist, for Postgres and MSSQLServer.</summary>
public sealed class SchemaTableQuery
{
    /// <summary>Database that must exist.</summary>
    [JsonPropertyName("database")]
    public string? Database { get; set; }

    /// <summary>Schema that must exist in the database.</summary>
    [JsonPropertyName("schema")]
    public string? Schema { get; set; }

    /// <summary>Table that must exist in the database.</summary>
    [JsonPropertyName("table")]
    public string? Table { get; set; }

    /// <summary>Condition on the number of rows of the table.</summary>
    [JsonPropertyName("rowCount")]
    public MatchExpression? RowCount { get; set; }
}

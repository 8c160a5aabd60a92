using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>A check that a database (and optionally a table with a number of rows) exists, for MySQL, MariaDB and Singlestore.</summary>
public sealed class TableQuery
{
    /// <summary>Database that must exist.</summary>
    [JsonPropertyName("database")]
    public string? Database { get; set; }

    /// <summary>Table that must exist in the database.</summary>
    [JsonPropertyName("table")]
    public string? Table { get; set; }

    /// <summary>Condition on the number of rows of the table.</summary>
    [JsonPropertyName("rowCount")]
    public MatchExpression? RowCount { get; set; }
}

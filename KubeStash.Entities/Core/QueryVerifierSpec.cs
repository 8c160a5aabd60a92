using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Queries run against restored databases to verify a backup.</summary>
public sealed class QueryVerifierSpec
{
    /// <summary>Checks for a MySQL database.</summary>
    [JsonPropertyName("mySQL")]
    public IList<TableQuery>? MySql { get; set; }

    /// <summary>Checks for a MariaDB database.</summary>
    [JsonPropertyName("mariaDB")]
    public IList<TableQuery>? MariaDB { get; set; }

    /// <summary>Checks for a Postgres database.</summary>
    [JsonPropertyName("postgres")]
    public IList<SchemaTableQuery>? Postgres { get; set; }

    /// <summary>Checks for a MongoDB database.</summary>
    [JsonPropertyName("mongoDB")]
    public IList<CollectionQuery>? MongoDB { get; set; }

    /// <summary>Checks for an Elasticsearch database.</summary>
    [JsonPropertyName("elasticsearch")]
    public IList<IndexQuery>? Elasticsearch { get; set; }

    /// <summary>Checks for a Redis database.</summary>
    [JsonPropertyName("redis")]
    public IList<RedisQuery>? Redis { get; set; }

    /// <summary>Checks for a Singlestore database.</summary>
    [JsonPropertyName("singlestore")]
    public IList<TableQuery>? Singlestore { get; set; }

    /// <summary>Checks for an MSSQLServer database.</summary>
    [JsonPropertyName("msSQLServer")]
    public IList<SchemaTableQuery>? MSSQLServer { get; set; }
}

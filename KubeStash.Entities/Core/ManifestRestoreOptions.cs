using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KubeStash.Entities.Schema;

namespace KubeStash.Entities.Core;

/// <summary>Options that select which backed-up manifests are restored and where.</summary>
public sealed class ManifestRestoreOptions
{
    /// <summary>Namespace where the restored manifests are applied.</summary>
    [JsonPropertyName("restoreNamespace")]
    public string? RestoreNamespace { get; set; }

    /// <summary>Options selecting MongoDB components to restore (KubeDB-specific, kept as given).</summary>
    [PreserveUnknownFields]
    [JsonPropertyName("mongoDB")]
    public JsonObject? MongoDB { get; set; }

    /// <summary>Options selecting Postgres components to restore (KubeDB-specific, kept as given).</summary>
    [PreserveUnknownFields]
    [JsonPropertyName("postgres")]
    public JsonObject? Postgres { get; set; }

    /// <summary>Options selecting MySQL components to restore (KubeDB-specific, kept as given).</summary>
    [PreserveUnknownFields]
    [JsonPropertyName("mySQL")]
    public JsonObject? MySql { get; set; }

    /// <summary>Options selecting MariaDB components to restore (KubeDB-specific, kept as given).</summary>
    [PreserveUnknownFields]
    [JsonPropertyName("mariaDB")]
    public JsonObject? MariaDB { get; set; }
}

using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Which manifests of a KubeDB Druid are restored, under which names and where.</summary>
public sealed class DruidManifestOptions
{
    /// <summary>Namespace where the restored manifests are applied.</summary>
    [JsonPropertyName("restoreNamespace")]
    public string? RestoreNamespace { get; set; }

    /// <summary>Whether to restore the database object's manifest; true by default.</summary>
    [JsonPropertyName("db")]
    public bool? DB { get; set; }

    /// <summary>New name of the restored database object.</summary>
    [JsonPropertyName("dbName")]
    public string? DBName { get; set; }

    /// <summary>Whether to restore the authentication Secret; true by default.</summary>
    [JsonPropertyName("authSecret")]
    public bool? AuthSecret { get; set; }

    /// <summary>New name of the restored authentication Secret.</summary>
    [JsonPropertyName("authSecretName")]
    public string? AuthSecretName { get; set; }

    /// <summary>Whether to restore the configuration Secret; true by default.</summary>
    [JsonPropertyName("configSecret")]
    public bool? ConfigSecret { get; set; }

    /// <summary>New name of the restored configuration Secret.</summary>
    [JsonPropertyName("configSecretName")]
    public string? ConfigSecretName { get; set; }

    /// <summary>Whether to restore the deep-storage Secret; true by default.</summary>
    [JsonPropertyName("deepStorageSecret")]
    public bool? DeepStorageSecret { get; set; }
}

using System.Text.Json.Serialization;
using k8s.Models;
using KubeStash.Entities.Common;

namespace KubeStash.Entities.Core;

/// <summary>Which manifests of a KubeDB MSSQLServer are restored, under which names and where.</summary>
public sealed class MSSQLServerManifestOptions
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

    /// <summary>Whether to restore the init script; true by default.</summary>
    [JsonPropertyName("initScript")]
    public bool? InitScript { get; set; }

    /// <summary>Whether to restore the Archiver manifest; false by default.</summary>
    [JsonPropertyName("archiver")]
    public bool? Archiver { get; set; }

    /// <summary>New name and namespace of the restored Archiver.</summary>
    [JsonPropertyName("archiverRef")]
    public ObjectReference? ArchiverRef { get; set; }

    /// <summary>Issuer used for the TLS configuration of client and server.</summary>
    [JsonPropertyName("tlsIssuerRef")]
    public V1TypedLocalObjectReference? TlsIssuerRef { get; set; }
}

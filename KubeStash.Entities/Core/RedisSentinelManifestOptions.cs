using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Core;

/// <summary>Which manifests of a KubeDB RedisSentinel are restored, under which names and where.</summary>
public sealed class RedisSentinelManifestOptions
{
    /// <summary>Namespace where the restored manifests are applied.</summary>
    [JsonPropertyName("restoreNamespace")]
    public string? RestoreNamespace { get; set; }

    /// <summary>Whether to restore the Sentinel manifest; true by default.</summary>
    [JsonPropertyName("sentinel")]
    public bool? Sentinel { get; set; }

    /// <summary>New name of the restored Sentinel.</summary>
    [JsonPropertyName("SentinelName")]
    public string? SentinelName { get; set; }

    /// <summary>Whether to restore the authentication Secret; true by default.</summary>
    [JsonPropertyName("authSecret")]
    public bool? AuthSecret { get; set; }

    /// <summary>New name of the restored authentication Secret.</summary>
    [JsonPropertyName("authSecretName")]
    public string? AuthSecretName { get; set; }

    /// <summary>Issuer used for the TLS configuration of client and server.</summary>
    [JsonPropertyName("tlsIssuerRef")]
    public V1TypedLocalObjectReference? TlsIssuerRef { get; set; }
}

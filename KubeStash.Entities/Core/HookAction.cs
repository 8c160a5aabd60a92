using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Core;

/// <summary>The operation a hook performs; exactly one kind of action should be set (kmodules' <c>prober.Handler</c>).</summary>
public sealed class HookAction
{
    /// <summary>Execute a command in a container.</summary>
    [JsonPropertyName("exec")]
    public V1ExecAction? Exec { get; set; }

    /// <summary>Make an HTTP GET request.</summary>
    [JsonPropertyName("httpGet")]
    public V1HTTPGetAction? HttpGet { get; set; }

    /// <summary>Make an HTTP POST request.</summary>
    [JsonPropertyName("httpPost")]
    public HttpPostAction? HttpPost { get; set; }

    /// <summary>Check that a TCP socket accepts connections.</summary>
    [JsonPropertyName("tcpSocket")]
    public V1TCPSocketAction? TcpSocket { get; set; }

    /// <summary>Container in which an exec action runs; the first container when empty.</summary>
    [JsonPropertyName("containerName")]
    public string? ContainerName { get; set; }
}

using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Core;

/// <summary>An HTTP POST request made by a hook (kmodules' <c>prober.HTTPPostAction</c>).</summary>
public sealed class HttpPostAction
{
    /// <summary>Path to request on the HTTP server.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>Port number or name to connect to.</summary>
    [JsonPropertyName("port")]
    public IntOrString? Port { get; set; }

    /// <summary>Host name to connect to; defaults to the pod IP.</summary>
    [JsonPropertyName("host")]
    public string? Host { get; set; }

    /// <summary>Scheme used to connect: HTTP (the default) or HTTPS.</summary>
    [JsonPropertyName("scheme")]
    public string? Scheme { get; set; }

    /// <summary>Custom headers to set in the request.</summary>
    [JsonPropertyName("httpHeaders")]
    public IList<V1HTTPHeader>? HttpHeaders { get; set; }

    /// <summary>Body of the request.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Form data of the request.</summary>
    [JsonPropertyName("form")]
    public IList<HttpPostFormEntry>? Form { get; set; }
}

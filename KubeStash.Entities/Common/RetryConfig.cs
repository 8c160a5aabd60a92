using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace KubeStash.Entities.Common;

/// <summary>How a failed backup or restore is retried.</summary>
public sealed class RetryConfig
{
    /// <summary>Maximum number of retries; KubeStash retries once by default.</summary>
    [Range(1, int.MaxValue)]
    [JsonPropertyName("maxRetry")]
    public int? MaxRetry { get; set; }

    /// <summary>Time to wait before the next retry, as a Go duration (e.g. <c>1m0s</c>); empty retries immediately.</summary>
    [JsonPropertyName("delay")]
    public string? Delay { get; set; }
}

using System.Text.Json.Serialization;

namespace KubeStash.Operator.Runtime.Webhooks;

/// <summary>The (meta/v1 Status shaped) reason of a denial; the API server shows <see cref="Message"/> to the client.</summary>
public sealed class AdmissionStatus
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("message")]
    public string Message { get; set; } = string.Empty;

    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; set; }
}

using System.Text.Json.Serialization;

namespace KubeStash.Operator.Runtime.Webhooks;

/// <summary>The admission.k8s.io/v1 AdmissionReview envelope the API server posts to webhooks and expects back.</summary>
public sealed class AdmissionReview
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "admission.k8s.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "AdmissionReview";

    [JsonPropertyName("request")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdmissionRequest? Request { get; set; }

    [JsonPropertyName("response")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdmissionResponse? Response { get; set; }
}

using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Http;

/// <summary>A request failed the way kube-apiserver fails it: an HTTP code and a meta/v1 Status body.</summary>
internal sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public JsonObject? Details { get; } = details;
    public int? RetryAfterSeconds { get; init; }

    /// <summary>For 410 on an expired continue token: a token that continues inconsistently from the current state.</summary>
    public string? ContinueToken { get; init; }

    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }
        status["code"] = Code;
        return status;
    }
}

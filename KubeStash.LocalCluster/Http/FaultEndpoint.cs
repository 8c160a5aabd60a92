using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Http;

/// <summary>
/// /localcluster/faults: GET shows the faults; PUT/POST sets them from
/// {"errorRate":0.1,"errorStatusCode":429,"latencyMs":50,"watchCutSeconds":5}; POST /localcluster/faults/compact
/// compacts history; DELETE clears every fault.
/// </summary>
internal static class FaultEndpoint
{
    public static async Task HandleAsync(HttpContext context, FaultInjector faults)
    {
        var path = context.Request.Path.Value!.TrimEnd('/');
        var method = context.Request.Method;
        if (path == "/localcluster/faults/compact" && method == "POST")
        {
            faults.CompactHistory();
        }
        else if (path == "/localcluster/faults" && method is "PUT" or "POST")
        {
            JsonObject body;
            try
            {
                body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))?.AsObject()
                    ?? throw ApiErrors.BadRequest("the fault settings must be a JSON object");
                if (body["errorRate"] is JsonValue rate)
                {
                    faults.ErrorRate = rate.GetValue<double>();
                }
                if (body["errorStatusCode"] is JsonValue code)
                {
                    faults.ErrorStatusCode = code.GetValue<int>();
                }
                if (body["latencyMs"] is JsonValue latency)
                {
                    faults.Latency = TimeSpan.FromMilliseconds(latency.GetValue<double>());
                }
                if (body.ContainsKey("watchCutSeconds"))
                {
                    faults.WatchCutInterval = body["watchCutSeconds"] is JsonValue cut && cut.GetValue<double>() > 0
                        ? TimeSpan.FromSeconds(cut.GetValue<double>())
                        : null;
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
            {
                throw ApiErrors.BadRequest($"invalid fault settings: {ex.Message}");
            }
        }
        else if (path == "/localcluster/faults" && method == "DELETE")
        {
            faults.Reset();
        }
        else if (!(path == "/localcluster/faults" && method == "GET"))
        {
            throw ApiErrors.NoSuchResource();
        }
        await KubeApiHandler.WriteJsonAsync(context, 200, new JsonObject
        {
            ["errorRate"] = faults.ErrorRate,
            ["errorStatusCode"] = faults.ErrorStatusCode,
            ["latencyMs"] = faults.Latency.TotalMilliseconds,
            ["watchCutSeconds"] = faults.WatchCutInterval?.TotalSeconds,
        });
    }
}

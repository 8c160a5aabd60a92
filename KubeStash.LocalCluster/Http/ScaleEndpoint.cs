using System.Text.Json;
using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Api;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.LocalCluster.Http;

/// <summary>The /scale subresource (autoscaling/v1 Scale): GET, PUT and PATCH of the replica count (kubectl scale).</summary>
internal static class ScaleEndpoint
{
    public static async Task ServeAsync(HttpContext context, ResourceService service, ApiResource resource, string? ns, string name)
    {
        var request = context.Request;
        var paths = resource.Scale!;
        switch (request.Method)
        {
            case "GET":
                await KubeApiHandler.WriteJsonAsync(context, 200, ToScale(resource, paths, service.Get(resource, ns, name)));
                return;
            case "PUT" or "PATCH":
                break;
            default:
                throw ApiErrors.MethodNotAllowed();
        }
        var text = await KubeApiHandler.ReadBodyAsync(request, context.RequestAborted);
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw ApiErrors.BadRequest($"error decoding the Scale: {ex.Message}");
        }
        var contentType = (request.ContentType ?? "").Split(';')[0].Trim();
        var write = KubeApiHandler.WriteContextOf(request);
        var updated = await service.WriteExistingAsync(resource, ns, name, current =>
        {
            var scale = ToScale(resource, paths, current);
            JsonObject desired;
            if (request.Method == "PUT")
            {
                desired = body as JsonObject ?? throw ApiErrors.BadRequest("the Scale must be a JSON object");
            }
            else
            {
                scale["metadata"]!.AsObject().Remove("resourceVersion");
                desired = (contentType switch
                {
                    "application/json-patch+json" => JsonPatchDocument.Apply(scale, body as JsonArray ?? throw new PatchException("the JSON patch must be an array", malformed: true)),
                    "application/merge-patch+json" or "application/strategic-merge-patch+json" => JsonMergePatch.Apply(scale, body),
                    _ => throw ApiErrors.UnsupportedMediaType(contentType, ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"]),
                }) as JsonObject ?? throw new PatchException("the patched Scale is not an object", malformed: true);
            }
            if (desired["spec"]?["replicas"] is not JsonValue replicas || !replicas.TryGetValue<int>(out var count) || count < 0)
            {
                throw ApiErrors.Invalid(resource, name, [new FieldError("FieldValueInvalid", "spec.replicas", "Invalid value: must be greater than or equal to 0")]);
            }
            var next = current.DeepClone().AsObject();
            ObjectJson.Metadata(next).Remove("resourceVersion");
            if (ObjectJson.String(desired["metadata"]?["resourceVersion"]) is { Length: > 0 } precondition)
            {
                ObjectJson.Metadata(next)["resourceVersion"] = precondition;
            }
            Set(next, paths.SpecReplicasPath, count);
            return next;
        }, statusOnly: false, write, context.RequestAborted);
        KubeApiHandler.AddWarnings(context, write);
        await KubeApiHandler.WriteJsonAsync(context, 200, ToScale(resource, paths, updated));
    }

    private static JsonObject ToScale(ApiResource resource, ScaleSubresource paths, JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject ?? [];
        var scaleMetadata = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (metadata[field] is { } value)
            {
                scaleMetadata[field] = value.DeepClone();
            }
        }
        var status = new JsonObject { ["replicas"] = Get(obj, paths.StatusReplicasPath)?.DeepClone() ?? 0 };
        var selector = paths.LabelSelectorPath is { } selectorPath
            ? ObjectJson.String(Get(obj, selectorPath))
            : SelectorText(obj["spec"]?["selector"] as JsonObject);
        if (!string.IsNullOrEmpty(selector))
        {
            status["selector"] = selector;
        }
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMetadata,
            ["spec"] = new JsonObject { ["replicas"] = Get(obj, paths.SpecReplicasPath)?.DeepClone() ?? 0 },
            ["status"] = status,
        };
    }

    private static string SelectorText(JsonObject? selector)
    {
        if (selector is null)
        {
            return "";
        }
        var terms = (selector["matchLabels"] as JsonObject ?? []).Select(p => $"{p.Key}={ObjectJson.String(p.Value)}").ToList();
        foreach (var expression in (selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = ObjectJson.String(expression["key"]);
            var values = string.Join(",", (expression["values"] as JsonArray ?? []).Select(ObjectJson.String));
            terms.Add(ObjectJson.String(expression["operator"]) switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => $"{key}",
                _ => $"!{key}",
            });
        }
        return string.Join(",", terms);
    }

    private static JsonNode? Get(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.TrimStart('.').Split('.'))
        {
            node = node?[part];
        }
        return node;
    }

    private static void Set(JsonObject obj, string path, int value)
    {
        var parts = path.TrimStart('.').Split('.');
        var node = obj;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = [];
                node[part] = child;
            }
            node = child;
        }
        node[parts[^1]] = value;
    }
}

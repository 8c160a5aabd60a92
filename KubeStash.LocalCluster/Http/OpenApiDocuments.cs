using System.Text.Json.Nodes;
using k8s;
using KubeStash.LocalCluster.Api;

namespace KubeStash.LocalCluster.Http;

/// <summary>
/// A minimal OpenAPI v3 surface: per group-version documents whose PATCH operations declare the
/// fieldValidation parameter (kubectl checks this before it relies on server-side validation), and the
/// schemas of custom resources (for kubectl explain). Built-in schemas are not published, so kubectl
/// builds strategic merge patches from its compiled-in types, as it does against clusters without them.
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject Root(IReadOnlyList<ApiResource> resources, long catalogVersion)
    {
        var paths = new JsonObject();
        foreach (var groupVersion in resources.Select(r => (r.Group, r.Version)).Distinct())
        {
            var path = PathOf(groupVersion.Group, groupVersion.Version);
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={Hash(path, catalogVersion)}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? GroupVersion(IReadOnlyList<ApiResource> resources, string path)
    {
        var served = resources.Where(r => PathOf(r.Group, r.Version) == path).ToList();
        if (served.Count == 0)
        {
            return null;
        }
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var resource in served)
        {
            var prefix = "/" + path + (resource.Namespaced ? "/namespaces/{namespace}/" : "/") + resource.Plural;
            var gvk = new JsonObject { ["group"] = resource.Group, ["version"] = resource.Version, ["kind"] = resource.Kind };
            paths[prefix + "/{name}"] = new JsonObject
            {
                ["get"] = Operation(gvk, "read", []),
                ["put"] = Operation(gvk, "replace", ["application/json"]),
                ["patch"] = Operation(gvk, "patch", ["application/json-patch+json", "application/merge-patch+json"]),
                ["delete"] = Operation(gvk, "delete", []),
            };
            paths[prefix] = new JsonObject
            {
                ["get"] = Operation(gvk, "list", []),
                ["post"] = Operation(gvk, "create", ["application/json"]),
            };
            if (resource.Schema is not null)
            {
                var schema = JsonNode.Parse(KubernetesJson.Serialize(resource.Schema.Schema))!.AsObject();
                schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
                schemas[SchemaName(resource)] = schema;
            }
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject Operation(JsonObject gvk, string action, string[] bodyTypes)
    {
        var operation = new JsonObject
        {
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
            ["parameters"] = new JsonArray(
                new JsonObject { ["name"] = "dryRun", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } },
                new JsonObject { ["name"] = "fieldValidation", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } }),
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
        };
        if (bodyTypes.Length > 0)
        {
            var content = new JsonObject();
            foreach (var type in bodyTypes)
            {
                content[type] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } };
            }
            operation["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
        }
        return operation;
    }

    private static string SchemaName(ApiResource resource)
    {
        var reversed = string.Join('.', resource.Group.Split('.').Reverse());
        return $"{reversed}.{resource.Version}.{resource.Kind}";
    }

    private static string PathOf(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    private static string Hash(string path, long catalogVersion) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{path}@{catalogVersion}")))[..32];
}

using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>).</summary>
public static class JsonPatchDocument
{
    /// <summary>Applies the operations; throws <see cref="PatchException"/> with a kube-apiserver-like message on failure.</summary>
    public static JsonNode Apply(JsonNode target, JsonArray operations) => throw new NotImplementedException("owned by the LocalCluster semantics work");
}

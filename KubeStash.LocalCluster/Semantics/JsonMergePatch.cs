using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>).</summary>
public static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => throw new NotImplementedException("owned by the LocalCluster semantics work");
}

using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for built-in kinds, as kubectl apply
/// sends it: lists merged by their merge key (containers, env, ports, volumes, ...), and the
/// <c>$patch</c>, <c>$setElementOrder</c>, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList</c> directives.
/// </summary>
public static class StrategicMergePatch
{
    public static JsonObject Apply(JsonObject original, JsonObject patch, string apiVersion, string kind) => throw new NotImplementedException("owned by the LocalCluster semantics work");
}

using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>).</summary>
public static class JsonMergePatch
{
    /// <summary>
    /// Returns the patched document; neither argument is changed. An object patch merges member by member (a null
    /// member removes it); any other patch replaces the target whole.
    /// </summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? targetObject.DeepClone().AsObject() : [];
        MergeInto(result, patchObject);
        return result;
    }

    private static void MergeInto(JsonObject result, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else if (value is JsonObject nested)
            {
                if (result[name] is not JsonObject existing)
                {
                    existing = [];
                    result[name] = existing;
                }

                MergeInto(existing, nested);
            }
            else
            {
                result[name] = value.DeepClone();
            }
        }
    }
}

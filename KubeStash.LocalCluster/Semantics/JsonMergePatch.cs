using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>).</summary>
/// <remarks>
/// Behaves as the library kube-apiserver merges with (evanphx/json-patch v4), which departs from the RFC in two
/// ways clients can see: a patch that is null or a scalar is rejected ("Invalid JSON Patch", a bad request), and a
/// value that lands where the target had nothing (or a non-object) loses its null members all the way down,
/// including inside objects within arrays.
/// </remarks>
public static class JsonMergePatch
{
    /// <summary>Returns the patched document; neither argument is changed.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        switch (patch)
        {
            case JsonObject patchObject:
                if (target is not JsonObject targetObject)
                {
                    return PruneNulls(patchObject.DeepClone());
                }

                var result = targetObject.DeepClone().AsObject();
                MergeInto(result, patchObject);
                return result;
            case JsonArray patchArray:
                return PruneNulls(patchArray.DeepClone());
            default:
                throw new PatchException("Invalid JSON Patch", malformed: true);
        }
    }

    private static void MergeInto(JsonObject result, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else if (result[name] is not { } current)
            {
                result[name] = PruneNulls(value.DeepClone());
            }
            else if (current is not JsonObject currentObject)
            {
                result[name] = PruneNulls(value.DeepClone());
            }
            else if (value is JsonObject nested)
            {
                MergeInto(currentObject, nested);
            }
            else
            {
                // An object replaced by a non-object takes the patch value as it is, nulls included.
                result[name] = value.DeepClone();
            }
        }
    }

    private static JsonNode PruneNulls(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is null)
                    {
                        obj.Remove(name);
                    }
                    else
                    {
                        PruneNulls(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        PruneNulls(item);
                    }
                }

                break;
        }

        return node;
    }
}

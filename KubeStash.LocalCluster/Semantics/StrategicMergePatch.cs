using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for built-in kinds, as kubectl apply
/// sends it: lists merged by their merge key (containers, env, ports, volumes, ...), and the
/// <c>$patch</c>, <c>$setElementOrder</c>, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList</c> directives.
/// </summary>
/// <remarks>
/// Follows k8s.io/apimachinery/pkg/util/strategicpatch as kube-apiserver runs it (parallel directive lists merged,
/// unmatched nulls ignored). Kinds outside the built-in API groups have no patch metadata: their lists are replaced,
/// as a JSON merge patch would.
/// </remarks>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>
    /// Returns the patched object; neither argument is changed. Throws <see cref="PatchException"/>
    /// (<see cref="PatchException.Malformed"/> for a patch that breaks the directive format).
    /// </summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch, string apiVersion, string kind)
    {
        var root = StrategicPatchMetadata.Instance.RootFor(apiVersion, kind);
        return MergeMap(original.DeepClone().AsObject(), patch.DeepClone().AsObject(), root);
    }

    /// <summary>
    /// Whether kube-apiserver accepts a strategic merge patch for the kind: only built-in API groups carry patch
    /// metadata. For custom resources kube answers 415 ("the body of the request was in an unknown format -
    /// accepted media types include: application/json-patch+json, application/merge-patch+json,
    /// application/apply-patch+yaml"); <see cref="Apply"/> would treat every list as replaced.
    /// </summary>
    public static bool SupportsKind(string apiVersion, string kind) =>
        StrategicPatchMetadata.Instance.RootFor(apiVersion, kind) is not null;

    private static JsonObject MergeMap(JsonObject original, JsonObject patch, StrategicPatchType? type)
    {
        if (patch.TryGetPropertyValue(PatchDirective, out var directive))
        {
            switch (StringOf(directive))
            {
                case "replace":
                    patch.Remove(PatchDirective);
                    return MergeMap([], patch, type);
                case "delete":
                    return [];
                default:
                    throw new PatchException($"Unknown patch type: {directive?.ToJsonString()} in map: {patch.ToJsonString()}", malformed: true);
            }
        }

        ApplyRetainKeys(original, patch);
        ApplySetElementOrder(original, patch, type);

        foreach (var (key, value) in patch.ToList())
        {
            if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                DeleteFromPrimitiveList(original, key[DeleteFromPrimitiveListPrefix.Length..], value);
                continue;
            }

            if (key.StartsWith('$'))
            {
                // A directive this merge does not know (or a leftover one) never becomes a field.
                continue;
            }

            var field = type?.Field(key);
            if (value is null)
            {
                original.Remove(key);
                continue;
            }

            if (!original.TryGetPropertyValue(key, out var existing) || existing is null || !SameShape(existing, value))
            {
                original[key] = Fresh(value, field);
                continue;
            }

            original[key] = (existing, value) switch
            {
                (JsonObject existingMap, JsonObject patchMap) => MergeMap(Detach(original, key, existingMap), patchMap, field?.Type),
                (JsonArray existingList, JsonArray patchList) when field is { MergeList: true } =>
                    MergeList(Detach(original, key, existingList), patchList, field, key),
                _ => Fresh(value, field),
            };
        }

        return original;
    }

    /// <summary>A patch value for a field the original lacks: merged into nothing, so directives and nulls vanish.</summary>
    private static JsonNode Fresh(JsonNode value, StrategicPatchField? field) => value switch
    {
        JsonObject map => MergeMap([], map, field?.Type),
        JsonArray list when field is { MergeList: true } => MergeList([], list, field, "list"),
        _ => value.DeepClone(),
    };

    private static T Detach<T>(JsonObject parent, string key, T node)
        where T : JsonNode
    {
        parent[key] = null;
        return node;
    }

    private static bool SameShape(JsonNode left, JsonNode right) =>
        (left, right) switch
        {
            (JsonObject, JsonObject) => true,
            (JsonArray, JsonArray) => true,
            (JsonValue, JsonValue) => true,
            _ => false,
        };

    private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeysDirective, out var retain))
        {
            return;
        }

        patch.Remove(RetainKeysDirective);
        if (retain is not JsonArray list || list.Any(item => StringOf(item) is null))
        {
            throw new PatchException("invalid patch format of retainKeys", malformed: true);
        }

        var keep = list.Select(item => StringOf(item)!).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is null || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal) || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!keep.Contains(key))
            {
                throw new PatchException("invalid patch format of retainKeys", malformed: true);
            }
        }

        foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
        {
            original.Remove(key);
        }
    }

    private static void DeleteFromPrimitiveList(JsonObject original, string key, JsonNode? toDelete)
    {
        if (key.Length == 0)
        {
            throw new PatchException("invalid patch format of primitive list", malformed: true);
        }

        if (toDelete is not JsonArray deletions)
        {
            throw new PatchException($"invalid type for {DeleteFromPrimitiveListPrefix}{key}: expected a list", malformed: true);
        }

        if (original[key] is not JsonArray list)
        {
            return;
        }

        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (deletions.Any(d => JsonValueEquality.AreEqual(d, list[i])))
            {
                list.RemoveAt(i);
            }
        }
    }

    private static void ApplySetElementOrder(JsonObject original, JsonObject patch, StrategicPatchType? type)
    {
        foreach (var (directiveKey, orderNode) in patch.ToList())
        {
            if (!directiveKey.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            patch.Remove(directiveKey);
            var key = directiveKey[SetElementOrderPrefix.Length..];
            if (key.Length == 0 || orderNode is not JsonArray order)
            {
                throw new PatchException("invalid patch format of setElementOrder list", malformed: true);
            }

            var field = type?.Field(key);
            var mergeKey = field?.MergeKey;
            var originalList = original[key] as JsonArray;
            var patchList = patch[key] as JsonArray;
            if (patch.ContainsKey(key) && patchList is null && patch[key] is not null)
            {
                throw new PatchException($"invalid type for {key}: expected a list", malformed: true);
            }

            ValidateAgainstOrder(patchList, order, mergeKey, key);
            var serverOrder = originalList?.ToList() ?? [];

            JsonArray merged;
            if (originalList is not null && patchList is not null)
            {
                merged = field is { MergeList: true }
                    ? MergeList(Detach(original, key, originalList), patchList, field, key)
                    : (JsonArray)patchList.DeepClone();
            }
            else if (originalList is not null)
            {
                merged = Detach(original, key, originalList);
            }
            else if (patchList is not null)
            {
                merged = (JsonArray)Fresh(patchList, field);
            }
            else
            {
                continue;
            }

            var items = merged.ToList();
            merged.Clear();
            var orderList = order.ToList();
            var (patchItems, serverOnly) = Partition(items, orderList, mergeKey);
            original[key] = new JsonArray([.. NormalizeOrder(patchItems, serverOnly, orderList, serverOrder, mergeKey)]);
            patch.Remove(key);
        }
    }

    private static void ValidateAgainstOrder(JsonArray? patchList, JsonArray order, string? mergeKey, string key)
    {
        if (patchList is null || patchList.Count == 0 || order.Count == 0)
        {
            return;
        }

        var nonDirective = patchList.Where(item => !(item is JsonObject map && map.ContainsKey(PatchDirective))).ToList();
        int patchIndex = 0, orderIndex = 0;
        while (patchIndex < nonDirective.Count && orderIndex < order.Count)
        {
            if (SameElement(nonDirective[patchIndex], order[orderIndex], mergeKey))
            {
                patchIndex++;
            }

            orderIndex++;
        }

        if (patchIndex < nonDirective.Count)
        {
            throw new PatchException($"The order in patch list:\n{patchList.ToJsonString()}\n doesn't match {SetElementOrderPrefix}{key} list:\n{order.ToJsonString()}\n", malformed: true);
        }
    }

    private static JsonArray MergeList(JsonArray original, JsonArray patch, StrategicPatchField field, string key)
    {
        if (original.Count == 0 && patch.Count == 0)
        {
            return original;
        }

        var elementsAreMaps = ElementsAreMaps(original, patch, key);
        var originalItems = original.ToList();
        original.Clear();
        var patchItems = patch.Select(item => item?.DeepClone()).ToList();

        List<JsonNode?> merged;
        List<JsonNode?> patchOrder;
        if (!elementsAreMaps)
        {
            merged = [];
            foreach (var item in originalItems.Concat(patchItems))
            {
                if (!merged.Any(m => JsonValueEquality.AreEqual(m, item)))
                {
                    merged.Add(item);
                }
            }

            patchOrder = patchItems;
        }
        else
        {
            var mergeKey = field.MergeKey
                ?? throw new PatchException($"cannot merge lists without merge key for {key}");
            (originalItems, patchOrder) = MergeSpecialElements(originalItems, patchItems, mergeKey);
            merged = [.. originalItems];
            foreach (var item in patchOrder)
            {
                var map = (JsonObject)item!;
                if (!map.TryGetPropertyValue(mergeKey, out var keyValue))
                {
                    throw new PatchException($"map: {map.ToJsonString()} does not contain declared merge key: {mergeKey}");
                }

                var index = merged.FindIndex(m => m is JsonObject candidate && candidate.TryGetPropertyValue(mergeKey, out var v) && JsonValueEquality.AreEqual(v, keyValue));
                if (index < 0)
                {
                    merged.Add(MergeMap([], map, field.Type));
                }
                else
                {
                    merged[index] = MergeMap((JsonObject)merged[index]!, map, field.Type);
                }
            }
        }

        var (inPatch, serverOnly) = Partition(merged, patchOrder, elementsAreMaps ? field.MergeKey : null);
        return new JsonArray([.. NormalizeOrder(inPatch, serverOnly, patchOrder, originalItems, elementsAreMaps ? field.MergeKey : null)]);
    }

    private static (List<JsonNode?> Original, List<JsonNode?> Patch) MergeSpecialElements(List<JsonNode?> original, List<JsonNode?> patch, string mergeKey)
    {
        var plain = new List<JsonNode?>();
        var replace = false;
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(PatchDirective, out var directive))
            {
                plain.Add(item);
                continue;
            }

            switch (StringOf(directive))
            {
                case "delete":
                    if (!map.TryGetPropertyValue(mergeKey, out var keyValue))
                    {
                        throw new PatchException($"map: {map.ToJsonString()} does not contain declared merge key: {mergeKey}");
                    }

                    original = original.Where(o => !(o is JsonObject candidate && candidate.TryGetPropertyValue(mergeKey, out var v) && JsonValueEquality.AreEqual(v, keyValue))).ToList();
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    throw new PatchException("merging lists cannot yet be specified in the patch", malformed: true);
                default:
                    throw new PatchException($"Unknown patch type: {directive?.ToJsonString()} in map: {map.ToJsonString()}", malformed: true);
            }
        }

        return replace ? (plain.Select(p => (JsonNode?)MergeMap([], (JsonObject)p!, null)).ToList(), []) : (original, plain);
    }

    private static bool ElementsAreMaps(JsonArray original, JsonArray patch, string key)
    {
        bool? maps = null;
        foreach (var item in original.Concat(patch))
        {
            if (item is JsonArray)
            {
                throw new PatchException("lists of lists are not supported", malformed: true);
            }

            var isMap = item is JsonObject;
            if (maps is not null && maps != isMap)
            {
                throw new PatchException($"mismatched types in list {key}: objects and non-objects");
            }

            maps = isMap;
        }

        return maps ?? false;
    }

    private static bool SameElement(JsonNode? left, JsonNode? right, string? mergeKey)
    {
        if (mergeKey is null)
        {
            return JsonValueEquality.AreEqual(left, right);
        }

        return left is JsonObject l && right is JsonObject r
            && l.TryGetPropertyValue(mergeKey, out var lv) && r.TryGetPropertyValue(mergeKey, out var rv)
            && JsonValueEquality.AreEqual(lv, rv);
    }

    private static int IndexIn(IReadOnlyList<JsonNode?> list, JsonNode? item, string? mergeKey)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (SameElement(list[i], item, mergeKey))
            {
                return i;
            }
        }

        return -1;
    }

    private static (List<JsonNode?> InList, List<JsonNode?> NotInList) Partition(List<JsonNode?> items, IReadOnlyList<JsonNode?> by, string? mergeKey)
    {
        var inList = new List<JsonNode?>();
        var notInList = new List<JsonNode?>();
        foreach (var item in items)
        {
            (IndexIn(by, item, mergeKey) >= 0 ? inList : notInList).Add(item);
        }

        return (inList, notInList);
    }

    /// <summary>
    /// kube's normalizeElementOrder: patch items in the patch's (or $setElementOrder's) order, server-only items in
    /// the live order, then the server-only items interleaved where the live list had them.
    /// </summary>
    private static List<JsonNode?> NormalizeOrder(List<JsonNode?> patchItems, List<JsonNode?> serverOnly, IReadOnlyList<JsonNode?> patchOrder, IReadOnlyList<JsonNode?> serverOrder, string? mergeKey)
    {
        var right = patchItems.OrderBy(item => Rank(patchOrder, item, mergeKey)).ToList();
        var left = serverOnly.OrderBy(item => Rank(serverOrder, item, mergeKey)).ToList();
        var result = new List<JsonNode?>(left.Count + right.Count);
        int i = 0, j = 0;
        while (i < left.Count || j < right.Count)
        {
            if (i >= left.Count)
            {
                result.Add(right[j++]);
            }
            else if (j >= right.Count)
            {
                result.Add(left[i++]);
            }
            else
            {
                var li = IndexIn(serverOrder, left[i], mergeKey);
                var ri = IndexIn(serverOrder, right[j], mergeKey);
                result.Add(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
            }
        }

        return result;
    }

    private static int Rank(IReadOnlyList<JsonNode?> order, JsonNode? item, string? mergeKey)
    {
        var index = IndexIn(order, item, mergeKey);
        return index < 0 ? int.MaxValue : index;
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}

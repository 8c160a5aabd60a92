using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>JSON value equality: numbers by value (1 equals 1.0), objects regardless of member order.</summary>
internal static class JsonValueEquality
{
    public static bool AreEqual(JsonNode? left, JsonNode? right)
    {
        switch (left)
        {
            case null:
                return right is null;
            case JsonObject leftObject:
                if (right is not JsonObject rightObject || leftObject.Count != rightObject.Count)
                {
                    return false;
                }

                foreach (var (name, value) in leftObject)
                {
                    if (!rightObject.TryGetPropertyValue(name, out var other) || !AreEqual(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray leftArray:
                if (right is not JsonArray rightArray || leftArray.Count != rightArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < leftArray.Count; i++)
                {
                    if (!AreEqual(leftArray[i], rightArray[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                if (right is not JsonValue rightValue)
                {
                    return false;
                }

                var leftValue = (JsonValue)left;
                var kind = leftValue.GetValueKind();
                if (kind != rightValue.GetValueKind())
                {
                    return false;
                }

                return kind switch
                {
                    JsonValueKind.String => leftValue.GetValue<string>() == rightValue.GetValue<string>(),
                    JsonValueKind.Number => NumberEquals(leftValue, rightValue),
                    _ => true,
                };
        }
    }

    private static bool NumberEquals(JsonValue left, JsonValue right)
    {
        var l = left.ToJsonString();
        var r = right.ToJsonString();
        if (l == r)
        {
            return true;
        }

        if (decimal.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var ld)
            && decimal.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var rd))
        {
            return ld == rd;
        }

        return double.Parse(l, CultureInfo.InvariantCulture) == double.Parse(r, CultureInfo.InvariantCulture);
    }
}

using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Entities.Serialization;

/// <summary>Finds, for a System.Text.Json error path, the .NET type expected there and the JSON value actually given.</summary>
internal static class JsonPathTypes
{
    /// <summary>Splits <c>$.spec.sessions[0]['a.b']</c> into <c>spec</c>, <c>[0]</c>, <c>a.b</c>.</summary>
    public static IReadOnlyList<PathSegment> Split(string path)
    {
        var segments = new List<PathSegment>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                segments.Add(new PathSegment(path[(i + 1)..end], null));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                segments.Add(new PathSegment(path[(i + 2)..end], null));
                i = Math.Min(path.Length, end + 2);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                segments.Add(new PathSegment(null, int.Parse(path[(i + 1)..end], System.Globalization.CultureInfo.InvariantCulture)));
                i = Math.Min(path.Length, end + 1);
            }
            else
            {
                i++;
            }
        }

        return segments;
    }

    /// <summary>Renders segments as a user-facing path: <c>spec.sessions[0].name</c>.</summary>
    public static string Display(IEnumerable<PathSegment> segments)
    {
        var text = new System.Text.StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Index is { } index)
            {
                text.Append('[').Append(index).Append(']');
            }
            else if (segment.Name!.Any(c => c is '.' or '[' or ']' or '\'' or '"' or ' '))
            {
                text.Append("[\"").Append(segment.Name).Append("\"]");
            }
            else
            {
                if (text.Length > 0)
                {
                    text.Append('.');
                }

                text.Append(segment.Name);
            }
        }

        return text.ToString();
    }

    /// <summary>The type expected at the path, or null when the path leaves the known schema.</summary>
    public static Type? ExpectedType(Type root, IEnumerable<PathSegment> segments)
    {
        Type? current = root;
        foreach (var segment in segments)
        {
            current = Unwrap(current!);
            if (segment.Index is not null)
            {
                current = ElementType(current);
            }
            else if (DictionaryValueType(current) is { } valueType)
            {
                current = valueType;
            }
            else
            {
                current = current.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .FirstOrDefault(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name) == segment.Name)
                    ?.PropertyType;
            }

            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The JSON value at the path, if the path exists.</summary>
    public static JsonNode? ValueAt(JsonNode? root, IEnumerable<PathSegment> segments, out bool found)
    {
        var current = root;
        foreach (var segment in segments)
        {
            switch (current)
            {
                case JsonArray array when segment.Index is { } index && index < array.Count:
                    current = array[index];
                    break;
                case JsonObject obj when segment.Name is { } name && obj.TryGetPropertyValue(name, out var child):
                    current = child;
                    break;
                default:
                    found = false;
                    return null;
            }
        }

        found = true;
        return current;
    }

    /// <summary>Describes what a type accepts, e.g. <c>an integer</c> or <c>one of Delete, WipeOut</c>.</summary>
    public static string DescribeExpected(Type type)
    {
        type = Unwrap(type);
        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", EnumWireNames(type));
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) ||
            type == typeof(uint) || type == typeof(ulong))
        {
            return "an integer";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a number";
        }

        if (type == typeof(bool))
        {
            return "a boolean";
        }

        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return "an RFC 3339 timestamp";
        }

        if (type == typeof(ResourceQuantity))
        {
            return "a quantity (e.g. 500m, 256Mi)";
        }

        if (type == typeof(IntOrString))
        {
            return "an integer or a string";
        }

        if (type == typeof(byte[]))
        {
            return "a base64 string";
        }

        if (DictionaryValueType(type) is not null || typeof(JsonObject).IsAssignableFrom(type))
        {
            return "a mapping";
        }

        if (ElementType(type) is not null)
        {
            return "a list";
        }

        return "a mapping";
    }

    /// <summary>Describes a JSON value as given: a quoted string, a number, true/false, null, a mapping or a list.</summary>
    public static string DescribeGiven(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        _ => node.ToJsonString(),
    };

    /// <summary>The names an enum accepts on the wire.</summary>
    public static IEnumerable<string> EnumWireNames(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var list = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>));
        return list?.GetGenericArguments()[0];
    }

    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary?.GetGenericArguments()[1];
    }

    /// <summary>One step of a JSON path: a property name or a list index.</summary>
    internal readonly record struct PathSegment(string? Name, int? Index);
}

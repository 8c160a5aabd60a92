using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// Server-side printing: turns objects into a <c>meta.k8s.io/v1 Table</c> as kube-apiserver answers
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>.
/// </summary>
public static class TableConverter
{
    /// <summary>
    /// The columns for a resource: NAME, then the CRD's printer columns when given (an AGE column only if the CRD
    /// has none of its own that it wants, as kube-apiserver does), else the built-in defaults for the kind (READY and
    /// STATUS for pods and workloads, ...), else NAME and AGE.
    /// </summary>
    /// <remarks>
    /// Pass <paramref name="crdColumns"/> (possibly empty) for a custom resource and null for a built-in kind. Column
    /// names are kube's ("Name", "Age", "Up-to-date"...); kubectl upper-cases them.
    /// </remarks>
    public static IReadOnlyList<TableColumn> ColumnsFor(string group, string kind, IReadOnlyList<TableColumn>? crdColumns)
    {
        if (crdColumns is not null)
        {
            var name = new TableColumn("Name", "string", ".metadata.name", Description: BuiltInPrinters.NameDescription, Format: "name");
            if (crdColumns.Count == 0)
            {
                return [name, new TableColumn("Age", "date", ".metadata.creationTimestamp", Description: BuiltInPrinters.CreationTimestampDescription)];
            }

            return [name, .. crdColumns];
        }

        return BuiltInPrinters.For(group, kind) ?? [BuiltInPrinters.Name(), BuiltInPrinters.Age()];
    }

    /// <summary>
    /// Builds the Table. <paramref name="includeObject"/> is the request's includeObject (None, Metadata — the
    /// default, as PartialObjectMetadata — or Object); any other value throws <see cref="ArgumentException"/>.
    /// </summary>
    public static JsonObject Convert(IReadOnlyList<JsonObject> items, IReadOnlyList<TableColumn> columns, DateTimeOffset now, string resourceVersion, string? continueToken, string includeObject)
    {
        var mode = string.IsNullOrEmpty(includeObject) ? "Metadata" : includeObject;
        if (mode is not ("None" or "Metadata" or "Object"))
        {
            throw new ArgumentException($"includeObject: Unsupported value: \"{includeObject}\": supported values: \"Metadata\", \"None\", \"Object\"", nameof(includeObject));
        }

        var paths = columns.Select(c => c.Cell is null ? JsonPathExpression.Parse(c.JsonPath) : null).ToList();
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (!string.IsNullOrEmpty(continueToken))
        {
            metadata["continue"] = continueToken;
        }

        var definitions = new JsonArray();
        foreach (var column in columns)
        {
            definitions.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["format"] = column.Format ?? string.Empty,
                ["description"] = column.Description ?? string.Empty,
                ["priority"] = column.Priority,
            });
        }

        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray();
            for (var i = 0; i < columns.Count; i++)
            {
                cells.Add(columns[i].Cell is { } cell ? cell(item, now) : CellFor(columns[i].Type, paths[i]!.Evaluate(item), now));
            }

            var row = new JsonObject { ["cells"] = cells };
            row["object"] = mode switch
            {
                "Object" => item.DeepClone(),
                "Metadata" => new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item["metadata"]?.DeepClone() ?? new JsonObject(),
                },
                _ => null,
            };
            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    /// <summary>kube's cellForJSONValue: only the first JSONPath result counts, rendered by the column type.</summary>
    private static JsonNode? CellFor(string type, IReadOnlyList<JsonNode?> results, DateTimeOffset now)
    {
        if (results.Count == 0 || results[0] is not { } value)
        {
            return null;
        }

        var kind = value is JsonValue scalar ? scalar.GetValueKind() : (value is JsonObject ? JsonValueKind.Object : JsonValueKind.Array);
        switch (type)
        {
            case "integer" when kind == JsonValueKind.Number:
                return (long)GoValueFormat.NumberOf((JsonValue)value);
            case "number" when kind == JsonValueKind.Number:
                return GoValueFormat.NumberOf((JsonValue)value);
            case "boolean" when kind is JsonValueKind.True or JsonValueKind.False:
                return kind == JsonValueKind.True;
            case "string":
                return Text(value);
            case "date" when kind == JsonValueKind.String:
                var text = value.GetValue<string>();
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                    ? HumanDuration.Format(now - time)
                    : "<invalid>";
            default:
                return null;
        }
    }

    // As kube's JSONPath printer prints a value with Go's fmt: strings bare, maps and slices as map[k:v] and [a b].
    private static string Text(JsonNode? node) => node switch
    {
        null => "<nil>",
        JsonObject obj => "map[" + string.Join(" ", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + Text(p.Value))) + "]",
        JsonArray array => "[" + string.Join(" ", array.Select(Text)) + "]",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => GoValueFormat.IsIntegerLiteral(value) ? value.ToJsonString() : GoValueFormat.Float(GoValueFormat.NumberOf(value)),
            _ => value.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };
}

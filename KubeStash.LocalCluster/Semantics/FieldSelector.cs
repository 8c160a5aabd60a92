using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>A parsed <c>fieldSelector</c> query (=, ==, !=) over the fields a resource supports.</summary>
public sealed class FieldSelector
{
    private readonly IReadOnlyList<FieldRequirement> requirements;

    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => this.requirements = requirements;

    /// <summary>The ANDed requirements, in the order they were written.</summary>
    public IReadOnlyList<FieldRequirement> Requirements => requirements;

    /// <summary>True when the selector has no requirement and so matches everything.</summary>
    public bool IsEmpty => requirements.Count == 0;

    /// <summary>
    /// Parses the query for a resource that supports <paramref name="supportedFields"/> (always metadata.name and
    /// metadata.namespace); throws <see cref="FormatException"/> with kube-apiserver's message for others.
    /// </summary>
    public static FieldSelector Parse(string? text, IReadOnlyCollection<string> supportedFields)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new FieldSelector([]);
        }

        var requirements = new List<FieldRequirement>();
        foreach (var term in SplitTerms(text))
        {
            if (term.Length == 0)
            {
                continue;
            }

            var requirement = ParseTerm(term, text);
            if (requirement.Field is not "metadata.name" and not "metadata.namespace"
                && !supportedFields.Contains(requirement.Field))
            {
                throw new FormatException("field label not supported: " + requirement.Field);
            }

            requirements.Add(requirement);
        }

        return new FieldSelector(requirements);
    }

    /// <summary>
    /// The field labels kube-apiserver supports for a built-in kind beyond metadata.name and metadata.namespace
    /// (pods, events, secrets, namespaces, nodes, replicasets, replication controllers, jobs); empty for others.
    /// </summary>
    public static IReadOnlyCollection<string> DefaultSupportedFields(string group, string kind) => (group, kind) switch
    {
        ("", "Pod") =>
        [
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
            "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName",
        ],
        ("", "Event") or ("events.k8s.io", "Event") =>
        [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
            "reason", "reportingComponent", "source", "type",
        ],
        ("", "Secret") => ["type"],
        ("", "Namespace") => ["status.phase"],
        ("", "Node") => ["spec.unschedulable"],
        ("", "ReplicationController") or ("apps", "ReplicaSet") => ["status.replicas"],
        ("batch", "Job") => ["status.successful"],
        _ => [],
    };

    public bool Matches(JsonObject obj)
    {
        foreach (var requirement in requirements)
        {
            var actual = ValueAt(obj, requirement.Field);
            var equal = string.Equals(actual, requirement.Value, StringComparison.Ordinal);
            if (equal == requirement.Negated)
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() =>
        string.Join(",", requirements.Select(r => r.Field + (r.Negated ? "!=" : "=") + Escape(r.Value)));

    /// <summary>
    /// The field's value as kube's field-label functions give it: strings as they are, booleans and numbers as text,
    /// and an absent field as the empty string (so <c>spec.nodeName=</c> selects unscheduled pods).
    /// </summary>
    internal static string ValueAt(JsonObject obj, string dottedPath) => dottedPath switch
    {
        // Field labels that are not plain paths in kube's field-label functions.
        "status.successful" => PathValue(obj, "status.succeeded") is { Length: > 0 } succeeded ? succeeded : "0",
        "status.replicas" => PathValue(obj, dottedPath) is { Length: > 0 } replicas ? replicas : "0",
        "source" when obj["source"] is JsonObject => PathValue(obj, "source.component"),
        "status.podIPs" => PathValue(obj, "status.podIP"),
        "spec.unschedulable" or "spec.hostNetwork" => PathValue(obj, dottedPath) is { Length: > 0 } flag ? flag : "false",
        _ => PathValue(obj, dottedPath),
    };

    private static string PathValue(JsonObject obj, string dottedPath)
    {
        JsonNode? node = obj;
        foreach (var segment in dottedPath.Split('.'))
        {
            node = node is JsonObject map && map.TryGetPropertyValue(segment, out var child) ? child : null;
            if (node is null)
            {
                return string.Empty;
            }
        }

        if (node is JsonValue value)
        {
            return value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => value.ToJsonString(),
                _ => string.Empty,
            };
        }

        return string.Empty;
    }

    // Terms are separated by unescaped commas; a backslash escapes ',', '=', '!' and itself in values.
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (c == ',')
            {
                terms.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        terms.Add(current.ToString());
        return terms;
    }

    // As kube's splitTerm: the first position holding any operator wins, "!=" and "==" before "=" at that position.
    private static FieldRequirement ParseTerm(string term, string selector)
    {
        for (var i = 0; i < term.Length; i++)
        {
            if (term[i] == '\\')
            {
                i++;
                continue;
            }

            foreach (var (op, negated) in Operators)
            {
                if (string.CompareOrdinal(term, i, op, 0, op.Length) == 0)
                {
                    var field = term[..i];
                    var value = Unescape(term[(i + op.Length)..]);
                    return new FieldRequirement(field, value, negated);
                }
            }
        }

        throw new FormatException(string.Format(CultureInfo.InvariantCulture, "invalid selector: '{0}'; can't understand '{1}'", selector, term));
    }

    private static readonly (string Op, bool Negated)[] Operators = [("!=", true), ("==", false), ("=", false)];

    // kube's UnescapeValue: only \\, \, and \= are escapes, and a bare ',' or '=' may not appear in a value.
    private static string Unescape(string value)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                if (i + 1 >= value.Length)
                {
                    throw new FormatException("invalid field selector: invalid escape sequence: \\");
                }

                if (value[i + 1] is not ('\\' or ',' or '='))
                {
                    throw new FormatException("invalid field selector: invalid escape sequence: \\" + value[i + 1]);
                }

                builder.Append(value[i + 1]);
                i++;
            }
            else if (c is ',' or '=')
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"invalid field selector: unescaped character in value: {(int)c}"));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);
}

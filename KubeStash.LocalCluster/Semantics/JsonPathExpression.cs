using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// The JSONPath subset kube uses for CRD printer columns (k8s.io/client-go/util/jsonpath): <c>.a.b</c>,
/// <c>.a[0]</c>, <c>.a[-1]</c>, <c>.a[1:3]</c>, <c>.a[*].b</c>, <c>.*</c>, <c>..b</c>, <c>.a['x.y']</c> and filters such as
/// <c>.a[?(@.type=="Ready")].status</c> (==, !=, &lt;, &lt;=, &gt;, &gt;=, or bare existence). An optional surrounding
/// <c>{...}</c> and leading <c>$</c> are accepted. Missing members give no result rather than an error.
/// </summary>
public sealed class JsonPathExpression
{
    private readonly IReadOnlyList<Step> steps;

    private JsonPathExpression(string text, IReadOnlyList<Step> steps)
    {
        Text = text;
        this.steps = steps;
    }

    public string Text { get; }

    /// <summary>Parses the expression; throws <see cref="FormatException"/> naming the problem.</summary>
    public static JsonPathExpression Parse(string text)
    {
        var body = text.Trim();
        if (body.StartsWith('{') && body.EndsWith('}'))
        {
            body = body[1..^1].Trim();
        }

        var parser = new Parser(body, text);
        return new JsonPathExpression(text, parser.ParseSteps(stopAtFilterEnd: false));
    }

    /// <summary>All values the expression selects, in document order.</summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root) => Run(steps, [root]);

    private static List<JsonNode?> Run(IReadOnlyList<Step> steps, List<JsonNode?> current)
    {
        foreach (var step in steps)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                step.Apply(node, next);
            }

            current = next;
        }

        return current;
    }

    private abstract class Step
    {
        public abstract void Apply(JsonNode? node, List<JsonNode?> results);
    }

    private sealed class MemberStep(string name) : Step
    {
        public override void Apply(JsonNode? node, List<JsonNode?> results)
        {
            if (node is JsonObject obj && obj.TryGetPropertyValue(name, out var value))
            {
                results.Add(value);
            }
        }
    }

    private sealed class WildcardStep : Step
    {
        public override void Apply(JsonNode? node, List<JsonNode?> results)
        {
            switch (node)
            {
                case JsonObject obj:
                    results.AddRange(obj.Select(p => p.Value));
                    break;
                case JsonArray array:
                    results.AddRange(array);
                    break;
            }
        }
    }

    private sealed class RecursiveStep(string? name) : Step
    {
        public override void Apply(JsonNode? node, List<JsonNode?> results)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (name is null || key == name)
                        {
                            results.Add(value);
                        }
                    }

                    foreach (var (_, value) in obj)
                    {
                        Apply(value, results);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        if (name is null)
                        {
                            results.Add(item);
                        }

                        Apply(item, results);
                    }

                    break;
            }
        }
    }

    private sealed class SliceStep(int? start, int? end, bool single) : Step
    {
        public override void Apply(JsonNode? node, List<JsonNode?> results)
        {
            if (node is not JsonArray array)
            {
                return;
            }

            var count = array.Count;
            if (single)
            {
                var index = start!.Value < 0 ? count + start.Value : start.Value;
                if (index >= 0 && index < count)
                {
                    results.Add(array[index]);
                }

                return;
            }

            var from = Math.Clamp(start is { } s ? (s < 0 ? count + s : s) : 0, 0, count);
            var to = Math.Clamp(end is { } e ? (e < 0 ? count + e : e) : count, 0, count);
            for (var i = from; i < to; i++)
            {
                results.Add(array[i]);
            }
        }
    }

    private sealed class FilterStep(IReadOnlyList<Step> left, string? op, JsonNode? right) : Step
    {
        public override void Apply(JsonNode? node, List<JsonNode?> results)
        {
            IEnumerable<JsonNode?> candidates = node switch
            {
                JsonArray array => array,
                JsonObject obj => obj.Select(p => p.Value),
                _ => [],
            };
            foreach (var candidate in candidates)
            {
                var values = Run(left, [candidate]);
                if (op is null ? values.Count > 0 : values.Any(Compare))
                {
                    results.Add(candidate);
                }
            }
        }

        private bool Compare(JsonNode? value)
        {
            var valueIsNumber = value is JsonValue v && v.GetValueKind() == JsonValueKind.Number;
            var rightIsNumber = right is JsonValue r && r.GetValueKind() == JsonValueKind.Number;
            int? order = null;
            if (valueIsNumber && rightIsNumber)
            {
                order = GoValueFormat.NumberOf((JsonValue)value!).CompareTo(GoValueFormat.NumberOf((JsonValue)right!));
            }
            else if (value is JsonValue lv && lv.GetValueKind() == JsonValueKind.String && right is JsonValue rv && rv.GetValueKind() == JsonValueKind.String)
            {
                order = string.CompareOrdinal(lv.GetValue<string>(), rv.GetValue<string>());
            }

            return op switch
            {
                "==" => order == 0 || (order is null && JsonValueEquality.AreEqual(value, right)),
                "!=" => !(order == 0 || (order is null && JsonValueEquality.AreEqual(value, right))),
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                ">=" => order >= 0,
                _ => false,
            };
        }
    }

    private sealed class Parser(string body, string original)
    {
        private int position;

        public List<Step> ParseSteps(bool stopAtFilterEnd)
        {
            var steps = new List<Step>();
            SkipSpaces();
            if (Peek() == '$')
            {
                position++;
            }

            while (position < body.Length)
            {
                var c = body[position];
                if (stopAtFilterEnd && (c is ' ' or '=' or '!' or '<' or '>' or ')'))
                {
                    break;
                }

                if (c == '.')
                {
                    position++;
                    if (Peek() == '.')
                    {
                        position++;
                        var name = ReadName();
                        steps.Add(new RecursiveStep(name.Length == 0 || name == "*" ? null : name));
                        continue;
                    }

                    if (Peek() == '*')
                    {
                        position++;
                        steps.Add(new WildcardStep());
                        continue;
                    }

                    if (Peek() == '[')
                    {
                        continue;
                    }

                    var member = ReadName();
                    if (member.Length == 0)
                    {
                        if (position >= body.Length && steps.Count == 0)
                        {
                            // "." alone selects the whole object.
                            break;
                        }

                        throw Error("empty field name");
                    }

                    steps.Add(new MemberStep(member));
                }
                else if (c == '[')
                {
                    steps.Add(ParseBracket());
                }
                else if (char.IsWhiteSpace(c))
                {
                    SkipSpaces();
                    if (position < body.Length && !stopAtFilterEnd)
                    {
                        throw Error($"unexpected '{body[position]}'");
                    }
                }
                else if (steps.Count == 0 && !stopAtFilterEnd)
                {
                    // kube also accepts a path without the leading dot ("metadata.name").
                    steps.Add(new MemberStep(ReadName()));
                }
                else
                {
                    throw Error($"unexpected '{c}'");
                }
            }

            return steps;
        }

        private Step ParseBracket()
        {
            position++; // '['
            SkipSpaces();
            var c = Peek();
            Step step;
            if (c == '*')
            {
                position++;
                step = new WildcardStep();
            }
            else if (c is '\'' or '"')
            {
                step = new MemberStep(ReadQuoted());
            }
            else if (c == '?')
            {
                step = ParseFilter();
            }
            else
            {
                var end = body.IndexOf(']', position);
                if (end < 0)
                {
                    throw Error("unterminated '['");
                }

                var inner = body[position..end].Trim();
                position = end;
                var parts = inner.Split(':');
                step = parts.Length switch
                {
                    1 => new SliceStep(ParseInt(parts[0]), null, single: true),
                    2 or 3 => new SliceStep(OptionalInt(parts[0]), OptionalInt(parts[1]), single: false),
                    _ => throw Error($"invalid array index '{inner}'"),
                };
            }

            SkipSpaces();
            if (Peek() != ']')
            {
                throw Error("expected ']'");
            }

            position++;
            return step;
        }

        private FilterStep ParseFilter()
        {
            position++; // '?'
            Expect('(');
            SkipSpaces();
            Expect('@');
            var left = ParseSteps(stopAtFilterEnd: true);
            SkipSpaces();
            string? op = null;
            JsonNode? right = null;
            if (Peek() != ')')
            {
                var start = position;
                while (position < body.Length && body[position] is '=' or '!' or '<' or '>')
                {
                    position++;
                }

                op = body[start..position];
                if (op is not ("==" or "!=" or "<" or "<=" or ">" or ">="))
                {
                    throw Error($"unrecognized filter operator '{op}'");
                }

                SkipSpaces();
                right = ParseLiteral();
                SkipSpaces();
            }

            Expect(')');
            return new FilterStep(left, op, right);
        }

        private JsonNode? ParseLiteral()
        {
            var c = Peek();
            if (c is '\'' or '"')
            {
                return JsonValue.Create(ReadQuoted());
            }

            var start = position;
            while (position < body.Length && body[position] is not (' ' or ')'))
            {
                position++;
            }

            var text = body[start..position];
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return JsonNode.Parse(text);
            }

            return text switch
            {
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                "nil" or "null" => null,
                _ => JsonValue.Create(text),
            };
        }

        private string ReadQuoted()
        {
            var quote = body[position++];
            var builder = new StringBuilder();
            while (position < body.Length && body[position] != quote)
            {
                if (body[position] == '\\' && position + 1 < body.Length)
                {
                    position++;
                }

                builder.Append(body[position++]);
            }

            if (position >= body.Length)
            {
                throw Error("unterminated quoted string");
            }

            position++;
            return builder.ToString();
        }

        private string ReadName()
        {
            var builder = new StringBuilder();
            while (position < body.Length)
            {
                var c = body[position];
                if (c == '\\' && position + 1 < body.Length)
                {
                    builder.Append(body[position + 1]);
                    position += 2;
                    continue;
                }

                if (c is '.' or '[' or ']' or ' ' or '=' or '!' or '<' or '>' or ')' or '(' or '}' or '{')
                {
                    break;
                }

                builder.Append(c);
                position++;
            }

            return builder.ToString();
        }

        private int ParseInt(string text) =>
            int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error($"invalid array index '{text}'");

        private int? OptionalInt(string text) => text.Trim().Length == 0 ? null : ParseInt(text);

        private char Peek() => position < body.Length ? body[position] : '\0';

        private void Expect(char c)
        {
            SkipSpaces();
            if (Peek() != c)
            {
                throw Error($"expected '{c}'");
            }

            position++;
        }

        private void SkipSpaces()
        {
            while (position < body.Length && char.IsWhiteSpace(body[position]))
            {
                position++;
            }
        }

        private FormatException Error(string problem) =>
            new($"invalid JSONPath '{original}': {problem} at position {position}");
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubeStash.Entities.Serialization;

/// <summary>
/// Converts YAML streams to JSON and back, typing plain scalars by the YAML 1.2 core schema: unquoted <c>true</c> is a
/// boolean, quoted <c>"true"</c> a string; <c>~</c>/<c>null</c>/empty are null; decimal, octal (<c>0o</c>) and
/// hexadecimal (<c>0x</c>) integers and decimal floats are numbers; everything else is a string.
/// </summary>
public static partial class YamlJson
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    /// <summary>Parses every document of a YAML stream (JSON is YAML too). Throws <see cref="ManifestException"/> with line and column on malformed input.</summary>
    public static IReadOnlyList<ParsedDocument> Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var documents = new List<ParsedDocument>();
        var parser = new Parser(new StringReader(yaml));
        var number = 0;
        try
        {
            parser.Consume<StreamStart>();
            while (!parser.TryConsume<StreamEnd>(out _))
            {
                number++;
                parser.Consume<DocumentStart>();
                var reader = new DocumentReader(parser, number);
                var root = parser.Accept<DocumentEnd>(out _) ? null : reader.ReadNode("$");
                parser.Consume<DocumentEnd>();
                documents.Add(new ParsedDocument(number, root, reader.Positions));
            }
        }
        catch (YamlException e)
        {
            var documentNumber = Math.Max(number, 1);
            var position = new SourcePosition((int)e.Start.Line, (int)e.Start.Column);
            throw new ManifestException($"document {documentNumber}: {position}: {Reason(e)}", e)
            {
                DocumentNumber = documentNumber,
                Position = position,
            };
        }

        return documents;
    }

    /// <summary>Writes JSON values as a YAML stream, one document each, quoting strings that would otherwise read back as another type.</summary>
    public static string ToYaml(IEnumerable<JsonNode?> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text, bestIndent: 2, bestWidth: int.MaxValue);
        emitter.Emit(new StreamStart());
        var first = true;
        foreach (var document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: first));
            Emit(emitter, document);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            first = false;
        }

        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>Writes one JSON value as a YAML document.</summary>
    public static string ToYaml(JsonNode? document) => ToYaml([document]);

    private static string Reason(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        return MarkPrefix().Replace(message, string.Empty);
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(Plain("null"));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        EmitString(emitter, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        emitter.Emit(Plain("true"));
                        break;
                    case JsonValueKind.False:
                        emitter.Emit(Plain("false"));
                        break;
                    case JsonValueKind.Null:
                        emitter.Emit(Plain("null"));
                        break;
                    default:
                        emitter.Emit(Plain(value.ToJsonString()));
                        break;
                }

                break;
        }
    }

    private static Scalar Plain(string text) => new(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false);

    private static void EmitString(IEmitter emitter, string text)
    {
        ScalarStyle style;
        if (text.Contains('\n', StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal) && !HasTrailingSpaceOnLine(text))
        {
            style = ScalarStyle.Literal;
        }
        else if (NeedsQuotes(text))
        {
            style = ScalarStyle.DoubleQuoted;
        }
        else
        {
            style = ScalarStyle.Any;
        }

        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, style is ScalarStyle.Any or ScalarStyle.Plain, true));
    }

    private static bool HasTrailingSpaceOnLine(string text) =>
        text.Split('\n').Any(line => line.EndsWith(' ') || line.EndsWith('\t'));

    /// <summary>
    /// A string must be quoted when a plain scalar with its text would read back as something else: under the YAML 1.2
    /// core schema here, and under YAML 1.1 (yes/no/on/off, sexagesimal, underscores) as kubectl and Go readers use.
    /// </summary>
    private static bool NeedsQuotes(string text) =>
        text.Length == 0 || TypePlain(text) is not JsonValue v || v.GetValueKind() != JsonValueKind.String || Yaml11NonString().IsMatch(text) ||
        Yaml11Timestamp().IsMatch(text);

    /// <summary>The JSON value of a plain (unquoted, untagged) scalar under the YAML 1.2 core schema.</summary>
    internal static JsonNode? TypePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (DecimalInteger().IsMatch(text))
        {
            return ParseInteger(text.TrimStart('+'), NumberStyles.AllowLeadingSign);
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && OctalDigits().IsMatch(text[2..]))
        {
            return JsonValue.Create(Convert.ToInt64(text[2..], 8));
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && HexDigits().IsMatch(text[2..]))
        {
            return JsonValue.Create(long.Parse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        }

        if (DecimalFloat().IsMatch(text) &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) &&
            double.IsFinite(number))
        {
            // Keep the written digits: the JSON number reads back exactly as written.
            return JsonNode.Parse(NormalizeFloat(text));
        }

        return JsonValue.Create(text);
    }

    private static JsonNode ParseInteger(string text, NumberStyles styles) =>
        long.TryParse(text, styles, CultureInfo.InvariantCulture, out var small)
            ? JsonValue.Create(small)
            : JsonNode.Parse(text)!;

    private static string NormalizeFloat(string text)
    {
        var t = text.TrimStart('+');
        var negative = t.StartsWith('-');
        if (negative)
        {
            t = t[1..];
        }

        if (t.StartsWith('.'))
        {
            t = "0" + t;
        }

        t = t.Replace(".e", ".0e", StringComparison.OrdinalIgnoreCase);
        if (t.EndsWith('.'))
        {
            t += "0";
        }

        return negative ? "-" + t : t;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[0-7]+$")]
    private static partial Regex OctalDigits();

    [GeneratedRegex(@"^[0-9a-fA-F]+$")]
    private static partial Regex HexDigits();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex DecimalFloat();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+|$)")]
    private static partial Regex Yaml11Timestamp();

    [GeneratedRegex(@"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[-+]?(0b[01_]+|0[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?)|[-+]?\.[0-9_]+([eE][-+]?[0-9]+)?)$")]
    private static partial Regex Yaml11NonString();

    /// <summary>Reads the nodes of one document from the parser, resolving anchors and recording positions.</summary>
    private sealed class DocumentReader(IParser parser, int documentNumber)
    {
        private readonly Dictionary<string, JsonNode?> anchors = new(StringComparer.Ordinal);

        public Dictionary<string, SourcePosition> Positions { get; } = new(StringComparer.Ordinal);

        public JsonNode? ReadNode(string path)
        {
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                Record(path, alias.Start);
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw Error(alias.Start, $"unknown alias *{alias.Value.Value}");
                }

                return target?.DeepClone();
            }

            if (parser.TryConsume<Scalar>(out var scalar))
            {
                Record(path, scalar.Start);
                var value = TypeScalar(scalar);
                Remember(scalar.Anchor, value);
                return value;
            }

            if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                Record(path, sequenceStart.Start);
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode($"{path}[{array.Count}]"));
                }

                Remember(sequenceStart.Anchor, array);
                return array;
            }

            var mappingStart = parser.Consume<MappingStart>();
            Record(path, mappingStart.Start);
            var obj = new JsonObject();
            var merged = new List<JsonObject>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (!parser.TryConsume<Scalar>(out var key))
                {
                    var start = parser.Current?.Start ?? mappingStart.Start;
                    throw Error(start, "mapping keys must be scalars");
                }

                if (key.Value == "<<" && key.Style == ScalarStyle.Plain)
                {
                    // Merge keys are not YAML 1.2, but kubectl honours them; so a manifest means the same to both.
                    merged.AddRange(MergeSources(ReadNode($"{path}['<<']"), key.Start));
                    continue;
                }

                var childPath = ChildPath(path, key.Value);
                if (obj.ContainsKey(key.Value))
                {
                    throw Error(key.Start, $"duplicate key \"{key.Value}\"");
                }

                obj[key.Value] = ReadNode(childPath);
            }

            foreach (var source in merged)
            {
                foreach (var (name, value) in source)
                {
                    if (!obj.ContainsKey(name))
                    {
                        obj[name] = value?.DeepClone();
                    }
                }
            }

            Remember(mappingStart.Anchor, obj);
            return obj;
        }

        // The same notation System.Text.Json uses in JsonException.Path, so positions can be found from its errors.
        private IEnumerable<JsonObject> MergeSources(JsonNode? value, Mark mark) => value switch
        {
            JsonObject single => [single],
            JsonArray many when many.All(m => m is JsonObject) => many.Cast<JsonObject>(),
            _ => throw Error(mark, "a merge key (<<) needs a mapping or a list of mappings"),
        };

        internal static string ChildPath(string parent, string key) =>
            key.AsSpan().IndexOfAny(PathSpecialCharacters) < 0 ? $"{parent}.{key}" : $"{parent}['{key}']";

        private void Record(string path, Mark mark) =>
            Positions[path] = new SourcePosition((int)mark.Line, (int)mark.Column);

        private void Remember(AnchorName anchor, JsonNode? value)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = value?.DeepClone();
            }
        }

        private JsonNode? TypeScalar(Scalar scalar)
        {
            if (!scalar.Tag.IsEmpty && scalar.Tag.Value != "!")
            {
                var tag = scalar.Tag.Value;
                var typed = tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? tag[CoreTagPrefix.Length..] : tag;
                switch (typed)
                {
                    case "str":
                        return JsonValue.Create(scalar.Value);
                    case "null":
                        return null;
                    case "bool" or "int" or "float":
                        var plain = TypePlain(scalar.Value);
                        var kind = plain?.GetValueKind();
                        var fits = typed == "bool"
                            ? kind is JsonValueKind.True or JsonValueKind.False
                            : kind == JsonValueKind.Number;
                        return fits ? plain : throw Error(scalar.Start, $"\"{scalar.Value}\" is not a valid !!{typed}");
                    default:
                        return JsonValue.Create(scalar.Value);
                }
            }

            return scalar.Style is ScalarStyle.Plain ? TypePlain(scalar.Value) : JsonValue.Create(scalar.Value);
        }

        private ManifestException Error(Mark mark, string reason)
        {
            var position = new SourcePosition((int)mark.Line, (int)mark.Column);
            return new ManifestException($"document {documentNumber}: {position}: {reason}")
            {
                DocumentNumber = documentNumber,
                Position = position,
            };
        }
    }

    private static readonly System.Buffers.SearchValues<char> PathSpecialCharacters =
        System.Buffers.SearchValues.Create(".' /\"[]()\t\n\r\f\b\\\u0085\u2028\u2029");
}

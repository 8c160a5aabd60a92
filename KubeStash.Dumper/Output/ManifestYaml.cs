using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeStash.Dumper.Output;

/// <summary>
/// YAML as a person writes a manifest: apiVersion, kind, metadata (name, namespace, labels, annotations first), spec,
/// then the rest; block style with sequences at their key's indentation (kubectl's style); multi-line strings as
/// literal blocks; strings plain only when they cannot read back as anything else (YAML 1.1 or 1.2), otherwise
/// double-quoted — a JSON string literal is a valid YAML double-quoted scalar, so quoting is JSON escaping.
/// Written straight from the UTF-8 JSON of the LIST page (no object model, no YAML library in the loop): this runs
/// once per object of the cluster, so plain strings and numbers are copied byte for byte.
/// </summary>
public static class ManifestYaml
{
    private static readonly byte[] ApiVersionKey = "apiVersion"u8.ToArray();
    private static readonly byte[] KindKey = "kind"u8.ToArray();
    private static readonly byte[] MetadataKey = "metadata"u8.ToArray();
    private static readonly byte[][] TopOrder = [ApiVersionKey, KindKey, MetadataKey, "spec"u8.ToArray()];
    private static readonly byte[][] MetadataOrder = [.. new[] { "name", "generateName", "namespace", "labels", "annotations" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly JsonWriterOptions QuotedStrings = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private static readonly string[] ReservedWords = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", "+.inf", ".nan", "<<", "="];
    private static readonly byte[][] ReservedUtf8 = [.. ReservedWords.Select(Encoding.UTF8.GetBytes)];
    private static readonly HashSet<string> Reserved = new(ReservedWords, StringComparer.OrdinalIgnoreCase);

    /// <summary>The YAML of <paramref name="obj"/> as it is (no fields left out).</summary>
    public static byte[] ToYaml(JsonObject obj)
    {
        var output = new ArrayBufferWriter<byte>(1024);
        using var document = JsonSerializer.SerializeToDocument(obj);
        Write(output, document.RootElement, apiVersion: null, kind: null, omit: null);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Appends the YAML of <paramref name="manifest"/> (a JSON object) to <paramref name="output"/>, with
    /// <paramref name="apiVersion"/> and <paramref name="kind"/> (when given) in place of the object's own, and without
    /// the fields <paramref name="omit"/> names.
    /// </summary>
    public static void Write(ArrayBufferWriter<byte> output, JsonElement manifest, string? apiVersion, string? kind, OmittedFields? omit)
    {
        if (manifest.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"a manifest must be a JSON object, not {manifest.ValueKind}");
        }

        using var emitter = new Emitter(output);
        emitter.Mapping(manifest, 0, firstInline: false, omit, TopOrder, apiVersion, kind);
    }

    /// <summary>Plain only for text that every YAML reader takes as this same string (UTF-8, unescaped).</summary>
    private static bool IsPlainSafe(ReadOnlySpan<byte> value)
    {
        if (value.Length == 0 || IsReserved(value) || !(char.IsAsciiLetter((char)value[0]) || value[0] is (byte)'/' or (byte)'_' or (byte)'.'))
        {
            return false;
        }

        if (value[0] == '.' && value.Length > 1 && char.IsAsciiDigit((char)value[1]))
        {
            return false;
        }

        foreach (var b in value)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'/' or (byte)':' or (byte)'=' or (byte)'+' or (byte)'@' or (byte)' ' or (byte)',' or (byte)'(' or (byte)')'))
            {
                return false;
            }
        }

        return value[^1] is not (byte)' ' and not (byte)':' && value.IndexOf(": "u8) < 0 && value.IndexOf(" #"u8) < 0
            && !(MayBeNumberWord(value[0]) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
    }

    private static bool IsReserved(ReadOnlySpan<byte> value)
    {
        if (value.Length > 5)
        {
            return false;
        }

        foreach (var word in ReservedUtf8)
        {
            if (Ascii.EqualsIgnoreCase(value, word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The same rule for a string that needed unescaping; YAML 1.1 forms like <c>1_000</c> or <c>1:20</c> start with a digit and are excluded.</summary>
    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || Reserved.Contains(value) || !(char.IsAsciiLetter(value[0]) || value[0] is '/' or '_' or '.'))
        {
            return false;
        }

        if (value[0] == '.' && value.Length > 1 && char.IsAsciiDigit(value[1]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or '+' or '@' or ' ' or ',' or '(' or ')'))
            {
                return false;
            }
        }

        return !value.EndsWith(' ') && !value.EndsWith(':') && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal)
            && !(MayBeNumberWord(value[0]) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
    }

    /// <summary>
    /// Text that starts with a letter, '/', '_' or '.' (and not '.' then a digit) parses as a number only when it is
    /// "Infinity" or "NaN" in some casing: the parse, the dearest check on the hot path, runs only for those first letters.
    /// </summary>
    private static bool MayBeNumberWord(int first) => first is 'i' or 'I' or 'n' or 'N';

    private static bool IsLiteralBlockSafe(string value)
    {
        if (!value.Contains('\n', StringComparison.Ordinal) || value[0] is ' ' or '\t' or '\n' || value.EndsWith("\n\n", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var line in value.TrimEnd('\n').Split('\n'))
        {
            if (line.EndsWith(' ') || line.EndsWith('\t'))
            {
                return false;
            }
        }

        foreach (var c in value)
        {
            if ((char.IsControl(c) && c is not '\n' and not '\t') || c == '\uFEFF' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(byte[][] keys, ReadOnlySpan<byte> key)
    {
        foreach (var candidate in keys)
        {
            if (key.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The unescaped UTF-8 name of a property: the raw bytes unless the JSON escaped something in it.</summary>
    private static ReadOnlySpan<byte> NameOf(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') < 0 ? raw : Encoding.UTF8.GetBytes(property.Name);
    }

    /// <summary>Whether anything of <paramref name="map"/> is left once <paramref name="rules"/> are applied.</summary>
    private static bool HasSurvivors(JsonElement map, OmittedFields? rules)
    {
        if (rules is null)
        {
            return map.GetPropertyCount() > 0;
        }

        foreach (var property in map.EnumerateObject())
        {
            var name = NameOf(property);
            if (rules.Omits(name))
            {
                continue;
            }

            if (rules.Below(name) is { OmitWhenEmpty: true } below && property.Value.ValueKind == JsonValueKind.Object && !HasSurvivors(property.Value, below))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private sealed class Emitter(ArrayBufferWriter<byte> output) : IDisposable
    {
        private Utf8JsonWriter? quoting;

        public void Dispose() => quoting?.Dispose();

        public void Mapping(JsonElement map, int indent, bool firstInline, OmittedFields? omit, byte[][]? order, string? apiVersion, string? kind)
        {
            var first = true;
            if (order is not null)
            {
                foreach (var key in order)
                {
                    var given = ReferenceEquals(key, ApiVersionKey) ? apiVersion : ReferenceEquals(key, KindKey) ? kind : null;
                    if (given is not null)
                    {
                        StartEntry(ref first, firstInline, indent);
                        Write(key);
                        Write(": "u8);
                        Scalar(given, indent + 2);
                        Write((byte)'\n');
                    }
                    else if (omit?.Omits(key) != true && map.TryGetProperty(key, out var value))
                    {
                        Entry(ref first, firstInline, indent, key, value, omit, ReferenceEquals(order, TopOrder) && ReferenceEquals(key, MetadataKey) ? MetadataOrder : null);
                    }
                }
            }

            foreach (var property in map.EnumerateObject())
            {
                var name = NameOf(property);
                if ((order is not null && Contains(order, name)) || omit?.Omits(name) == true)
                {
                    continue;
                }

                Entry(ref first, firstInline, indent, name, property.Value, omit, null);
            }
        }

        private void Entry(ref bool first, bool firstInline, int indent, ReadOnlySpan<byte> key, JsonElement value, OmittedFields? omit, byte[][]? order)
        {
            var rules = omit?.Below(key);
            if (rules is { OmitWhenEmpty: true } && value.ValueKind == JsonValueKind.Object && !HasSurvivors(value, rules))
            {
                return;
            }

            StartEntry(ref first, firstInline, indent);
            Scalar(key);
            Write((byte)':');
            Value(value, indent, inSequence: false, rules, order);
        }

        private void StartEntry(ref bool first, bool firstInline, int indent)
        {
            if (!(first && firstInline))
            {
                Spaces(indent);
            }

            first = false;
        }

        /// <summary>Writes what follows <c>key:</c> or <c>-</c>, including the line end.</summary>
        private void Value(JsonElement value, int indent, bool inSequence, OmittedFields? rules, byte[][]? order)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object when !HasSurvivors(value, rules):
                    Write(" {}\n"u8);
                    break;
                case JsonValueKind.Object:
                    Write(inSequence ? (byte)' ' : (byte)'\n');
                    Mapping(value, indent + 2, firstInline: inSequence, rules, order, null, null);
                    break;
                case JsonValueKind.Array when value.GetArrayLength() == 0:
                    Write(" []\n"u8);
                    break;
                case JsonValueKind.Array:
                    // A sequence under a key sits at the key's indentation; one inside a sequence item nests by two.
                    var itemIndent = inSequence ? indent + 2 : indent;
                    var firstItem = true;
                    Write(inSequence ? (byte)' ' : (byte)'\n');
                    foreach (var item in value.EnumerateArray())
                    {
                        if (!(inSequence && firstItem))
                        {
                            Spaces(itemIndent);
                        }

                        firstItem = false;
                        Write((byte)'-');
                        Value(item, itemIndent, inSequence: true, rules?.Items, null);
                    }

                    break;
                case JsonValueKind.String:
                    Write((byte)' ');
                    var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
                    if (raw.IndexOf((byte)'\\') < 0)
                    {
                        Scalar(raw);
                    }
                    else
                    {
                        Scalar(value.GetString()!, indent + 2);
                    }

                    Write((byte)'\n');
                    break;
                case JsonValueKind.Number:
                    Write((byte)' ');
                    Write(JsonMarshal.GetRawUtf8Value(value));
                    Write((byte)'\n');
                    break;
                case JsonValueKind.True:
                    Write(" true\n"u8);
                    break;
                case JsonValueKind.False:
                    Write(" false\n"u8);
                    break;
                default:
                    Write(" null\n"u8);
                    break;
            }
        }

        /// <summary>A string that needs no unescaping, so it holds no line break: plain or double-quoted.</summary>
        private void Scalar(ReadOnlySpan<byte> value)
        {
            if (IsPlainSafe(value))
            {
                Write(value);
            }
            else
            {
                var writer = Quoting();
                writer.WriteStringValue(value);
                writer.Flush();
            }
        }

        /// <summary>A string as the JSON held it escaped: plain, a literal block (indented by <paramref name="indent"/>) when multi-line, or double-quoted.</summary>
        private void Scalar(string value, int indent)
        {
            if (IsPlainSafe(value))
            {
                Write(value);
            }
            else if (IsLiteralBlockSafe(value))
            {
                // "|" keeps exactly one final newline, "|-" none.
                Write(value.EndsWith('\n') ? "|"u8 : "|-"u8);
                foreach (var line in value.TrimEnd('\n').Split('\n'))
                {
                    Write((byte)'\n');
                    if (line.Length > 0)
                    {
                        Spaces(indent);
                        Write(line);
                    }
                }
            }
            else
            {
                var writer = Quoting();
                writer.WriteStringValue(value);
                writer.Flush();
            }
        }

        private Utf8JsonWriter Quoting()
        {
            if (quoting is null)
            {
                quoting = new Utf8JsonWriter(output, QuotedStrings);
            }
            else
            {
                quoting.Reset(output);
            }

            return quoting;
        }

        private void Spaces(int count)
        {
            output.GetSpan(count)[..count].Fill((byte)' ');
            output.Advance(count);
        }

        private void Write(byte b)
        {
            output.GetSpan(1)[0] = b;
            output.Advance(1);
        }

        private void Write(ReadOnlySpan<byte> bytes) => output.Write(bytes);

        private void Write(string text)
        {
            var written = Encoding.UTF8.GetBytes(text, output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
            output.Advance(written);
        }
    }
}

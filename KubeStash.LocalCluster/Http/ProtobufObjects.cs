using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Http;

/// <summary>
/// Reads the protobuf request bodies (application/vnd.kubernetes.protobuf) that kubectl's typed generators send
/// (`kubectl create namespace|configmap|secret|serviceaccount`), for the kinds whose wire schema is small enough
/// to carry here. Other kinds answer 415, naming the JSON and YAML alternatives.
/// </summary>
internal static class ProtobufObjects
{
    public const string ContentType = "application/vnd.kubernetes.protobuf";
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    private enum Kind
    {
        String,
        Bytes,
        Int64,
        Bool,
        Message,
        StringMap,
        BytesMap,
        Time,
    }

    private sealed record Field(string Name, Kind Kind, string? Message = null, bool Repeated = false);

    private static readonly Dictionary<string, Dictionary<int, Field>> Messages = new()
    {
        ["ObjectMeta"] = new()
        {
            [1] = new("name", Kind.String),
            [2] = new("generateName", Kind.String),
            [3] = new("namespace", Kind.String),
            [5] = new("uid", Kind.String),
            [6] = new("resourceVersion", Kind.String),
            [7] = new("generation", Kind.Int64),
            [8] = new("creationTimestamp", Kind.Time),
            [9] = new("deletionTimestamp", Kind.Time),
            [10] = new("deletionGracePeriodSeconds", Kind.Int64),
            [11] = new("labels", Kind.StringMap),
            [12] = new("annotations", Kind.StringMap),
            [13] = new("ownerReferences", Kind.Message, "OwnerReference", Repeated: true),
            [14] = new("finalizers", Kind.String, Repeated: true),
        },
        ["OwnerReference"] = new()
        {
            [1] = new("kind", Kind.String),
            [3] = new("name", Kind.String),
            [4] = new("uid", Kind.String),
            [5] = new("apiVersion", Kind.String),
            [6] = new("controller", Kind.Bool),
            [7] = new("blockOwnerDeletion", Kind.Bool),
        },
        ["ObjectReference"] = new()
        {
            [1] = new("kind", Kind.String),
            [2] = new("namespace", Kind.String),
            [3] = new("name", Kind.String),
            [4] = new("uid", Kind.String),
            [5] = new("apiVersion", Kind.String),
            [6] = new("resourceVersion", Kind.String),
            [7] = new("fieldPath", Kind.String),
        },
        ["LocalObjectReference"] = new() { [1] = new("name", Kind.String) },
        ["Namespace"] = new()
        {
            [1] = new("metadata", Kind.Message, "ObjectMeta"),
            [2] = new("spec", Kind.Message, "NamespaceSpec"),
            [3] = new("status", Kind.Message, "NamespaceStatus"),
        },
        ["NamespaceSpec"] = new() { [1] = new("finalizers", Kind.String, Repeated: true) },
        ["NamespaceStatus"] = new() { [1] = new("phase", Kind.String) },
        ["ConfigMap"] = new()
        {
            [1] = new("metadata", Kind.Message, "ObjectMeta"),
            [2] = new("data", Kind.StringMap),
            [3] = new("binaryData", Kind.BytesMap),
            [4] = new("immutable", Kind.Bool),
        },
        ["Secret"] = new()
        {
            [1] = new("metadata", Kind.Message, "ObjectMeta"),
            [2] = new("data", Kind.BytesMap),
            [3] = new("type", Kind.String),
            [4] = new("stringData", Kind.StringMap),
            [5] = new("immutable", Kind.Bool),
        },
        ["ServiceAccount"] = new()
        {
            [1] = new("metadata", Kind.Message, "ObjectMeta"),
            [2] = new("secrets", Kind.Message, "ObjectReference", Repeated: true),
            [3] = new("imagePullSecrets", Kind.Message, "LocalObjectReference", Repeated: true),
            [4] = new("automountServiceAccountToken", Kind.Bool),
        },
    };

    private static readonly HashSet<string> TopLevelKinds = ["Namespace", "ConfigMap", "Secret", "ServiceAccount"];

    /// <summary>Decodes a protobuf-encoded object; throws 415 for kinds this server cannot read in protobuf.</summary>
    public static JsonObject Decode(byte[] body)
    {
        if (body.Length < Magic.Length || !body.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw ApiErrors.BadRequest("the protobuf body does not start with the Kubernetes protobuf prefix");
        }
        string? apiVersion = null, kind = null;
        ReadOnlyMemory<byte> raw = default;
        var reader = new Reader(body.AsMemory(Magic.Length));
        while (reader.Next(out var number, out var wireType))
        {
            switch (number, wireType)
            {
                case (1, 2):
                    var typeMeta = new Reader(reader.Bytes());
                    while (typeMeta.Next(out var n, out var w))
                    {
                        if (n == 1 && w == 2) { apiVersion = Encoding.UTF8.GetString(typeMeta.Bytes().Span); }
                        else if (n == 2 && w == 2) { kind = Encoding.UTF8.GetString(typeMeta.Bytes().Span); }
                        else { typeMeta.Skip(w); }
                    }
                    break;
                case (2, 2):
                    raw = reader.Bytes();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        if (kind is null || !TopLevelKinds.Contains(kind))
        {
            throw new ApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - this server reads {kind ?? "this kind"} only as application/json or application/yaml (protobuf is read for {string.Join(", ", TopLevelKinds)})",
                new JsonObject());
        }
        var obj = ReadMessage(raw, kind);
        obj["apiVersion"] = apiVersion;
        obj["kind"] = kind;
        return obj;
    }

    private static JsonObject ReadMessage(ReadOnlyMemory<byte> bytes, string message)
    {
        var fields = Messages[message];
        var obj = new JsonObject();
        var reader = new Reader(bytes);
        while (reader.Next(out var number, out var wireType))
        {
            if (!fields.TryGetValue(number, out var field))
            {
                reader.Skip(wireType);
                continue;
            }
            JsonNode? value;
            switch (field.Kind)
            {
                case Kind.String:
                    value = Encoding.UTF8.GetString(reader.Bytes().Span);
                    break;
                case Kind.Bytes:
                    value = Convert.ToBase64String(reader.Bytes().Span);
                    break;
                case Kind.Int64:
                    value = (long)reader.Varint();
                    break;
                case Kind.Bool:
                    value = reader.Varint() != 0;
                    break;
                case Kind.Message:
                    value = ReadMessage(reader.Bytes(), field.Message!);
                    break;
                case Kind.Time:
                    value = ReadTime(reader.Bytes());
                    break;
                case Kind.StringMap or Kind.BytesMap:
                    var (key, entry) = ReadMapEntry(reader.Bytes(), field.Kind == Kind.BytesMap);
                    var map = obj[field.Name] as JsonObject ?? [];
                    map[key] = entry;
                    obj[field.Name] = map;
                    continue;
                default:
                    reader.Skip(wireType);
                    continue;
            }
            if (value is null || (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length == 0))
            {
                continue;
            }
            if (field.Repeated)
            {
                var array = obj[field.Name] as JsonArray ?? [];
                array.Add(value);
                obj[field.Name] = array;
            }
            else
            {
                obj[field.Name] = value;
            }
        }
        return obj;
    }

    private static (string Key, JsonNode? Value) ReadMapEntry(ReadOnlyMemory<byte> bytes, bool binary)
    {
        var reader = new Reader(bytes);
        string key = "";
        JsonNode? value = "";
        while (reader.Next(out var number, out var wireType))
        {
            if (number == 1 && wireType == 2) { key = Encoding.UTF8.GetString(reader.Bytes().Span); }
            else if (number == 2 && wireType == 2)
            {
                var span = reader.Bytes().Span;
                value = binary ? Convert.ToBase64String(span) : Encoding.UTF8.GetString(span);
            }
            else { reader.Skip(wireType); }
        }
        return (key, value);
    }

    private static string? ReadTime(ReadOnlyMemory<byte> bytes)
    {
        var reader = new Reader(bytes);
        long seconds = 0;
        while (reader.Next(out var number, out var wireType))
        {
            if (number == 1 && wireType == 0) { seconds = (long)reader.Varint(); }
            else { reader.Skip(wireType); }
        }
        return seconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A protobuf wire-format cursor.</summary>
    private sealed class Reader(ReadOnlyMemory<byte> buffer)
    {
        private int _position;

        public bool Next(out int number, out int wireType)
        {
            if (_position >= buffer.Length)
            {
                (number, wireType) = (0, 0);
                return false;
            }
            var tag = Varint();
            (number, wireType) = ((int)(tag >> 3), (int)(tag & 7));
            return true;
        }

        public ulong Varint()
        {
            ulong result = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= buffer.Length)
                {
                    throw ApiErrors.BadRequest("the protobuf body is truncated");
                }
                var b = buffer.Span[_position++];
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }
            }
            throw ApiErrors.BadRequest("the protobuf body holds a malformed varint");
        }

        public ReadOnlyMemory<byte> Bytes()
        {
            var length = (int)Varint();
            if (length < 0 || _position + length > buffer.Length)
            {
                throw ApiErrors.BadRequest("the protobuf body is truncated");
            }
            var slice = buffer.Slice(_position, length);
            _position += length;
            return slice;
        }

        public void Skip(int wireType)
        {
            switch (wireType)
            {
                case 0: Varint(); break;
                case 1: _position += 8; break;
                case 2: Bytes(); break;
                case 5: _position += 4; break;
                default: throw ApiErrors.BadRequest($"the protobuf body holds an unsupported wire type {wireType}");
            }
        }
    }
}

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeStash.Dumper.Discovery;
using KubeStash.Dumper.Sanitizing;

namespace KubeStash.Dumper.Output;

/// <summary>
/// Manifests of one type, encoded back to back into one reusable buffer: what a collection hands the writer at a
/// time (about 64 KiB of YAML, a part of a page), so the queue moves a few hundred objects at once rather than one.
/// </summary>
internal sealed class ManifestBatch
{
    private readonly ArrayBufferWriter<byte> content = new(1 << 16);
    private readonly List<(string Path, int Start, int Length)> entries = [];

    public string QualifiedName { get; private set; } = string.Empty;

    public int Count => entries.Count;

    public int Bytes => content.WrittenCount;

    /// <summary>Empties the batch for objects of <paramref name="type"/>; the buffer is kept.</summary>
    public void Reset(ApiResourceType type)
    {
        QualifiedName = type.QualifiedName;
        content.ResetWrittenCount();
        entries.Clear();
    }

    /// <summary>Encodes one listed object of the batch's type: its path in the dump and its YAML, sanitized when asked.</summary>
    public void Add(ApiResourceType type, JsonElement item, bool sanitize)
    {
        var (ns, name) = NamespaceAndName(type, item);
        var start = content.WrittenCount;
        if (sanitize && ManifestSanitizer.HasTypeRules(type.Group, type.Kind))
        {
            // Rules that look across fields (last-applied configuration, volumes and their mounts) work on an object model.
            var obj = JsonObject.Create(item)!;
            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            ManifestSanitizer.Sanitize(obj, type.Group, type.Kind);
            using var sanitized = JsonSerializer.SerializeToDocument(obj);
            ManifestYaml.Write(content, sanitized.RootElement, apiVersion: null, kind: null, omit: null);
        }
        else
        {
            ManifestYaml.Write(content, item, type.ApiVersion, type.Kind, sanitize ? ManifestSanitizer.CommonRules : null);
        }

        entries.Add((ManifestPaths.For(type, ns, name), start, content.WrittenCount - start));
    }

    /// <summary>The entries in the order they were added; valid until the next <see cref="Reset"/>.</summary>
    public IEnumerable<(string Path, ReadOnlyMemory<byte> Content)> Entries()
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var (path, start, length) = entries[i];
            yield return (path, content.WrittenMemory.Slice(start, length));
        }
    }

    private static (string? Namespace, string Name) NamespaceAndName(ApiResourceType type, JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("metadata"u8, out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new InvalidDataException($"a {type.QualifiedName} object without metadata.name");
        }

        var ns = metadata.TryGetProperty("namespace"u8, out var given) && given.ValueKind == JsonValueKind.String ? given.GetString() : null;
        return (ns, name.GetString()!);
    }
}

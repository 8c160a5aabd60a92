using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeStash.Dumper.Output;
using KubeStash.Dumper.Sanitizing;
using KubeStash.Entities.Serialization;

namespace KubeStash.Tests.Dumper;

/// <summary>
/// Property-style checks of the YAML written straight from JSON bytes: many generated documents (tricky strings as keys
/// and values, unicode, escapes as Go's encoder writes them, numbers, nesting, empty maps and lists) read back through
/// YamlDotNet to the same JSON; and the sanitize rules applied while writing give exactly the bytes of sanitizing the
/// object model first.
/// </summary>
public sealed class ManifestYamlPropertyTests
{
    private static readonly string[] Words =
    [
        "true", "False", "yes", "NO", "on", "off", "y", "n", "null", "Null", "~", "", " ", "0", "012", "0x1F", "0o17", "1e3", "1_000", "1:20", ".5", "-1", "+1",
        ".inf", "-.Inf", ".NaN", "NaN", "Infinity", "10.96.0.10", "nginx:1.27", "a: b", "a #b", "key:", "- item", "? x", "[x]", "{x}", "*alias", "&anchor", "!tag",
        "|", ">", "'q'", "\"q\"", "%d", "@at", "`tick", "line one\nline two\n", "no final newline\nsecond", "two finals\n\n", "\nleading newline",
        "  indented\nsecond", "trailing space \nx", "tab\there", "cr\r\nlf", "Ünïcode", "emoji 😀", "日本語", "control \u0001", "<h1>shop</h1>", "a&b", "/path/to",
        "a,b", "f(x)", "kubernetes.io/service-account.name", "=", "<<", "app", "web-5d9", "image", "name", "x.y_z", "\u2028sep", "bom\uFEFF", "back\\slash",
    ];

    private static readonly JsonSerializerOptions GoLikeEscaping = new() { Encoder = JavaScriptEncoder.Default };
    private static readonly JsonSerializerOptions RelaxedEscaping = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Test]
    public void Generated_documents_read_back_to_the_same_json()
    {
        var random = new Random(20240607);
        for (var i = 0; i < 400; i++)
        {
            var document = RandomObject(random, depth: 0);
            document["apiVersion"] = "v1";
            document["kind"] = Pick(random);
            var json = JsonSerializer.SerializeToUtf8Bytes(document, i % 2 == 0 ? GoLikeEscaping : RelaxedEscaping);
            using var parsed = JsonDocument.Parse(json);
            var output = new ArrayBufferWriter<byte>();
            ManifestYaml.Write(output, parsed.RootElement, apiVersion: null, kind: null, omit: null);
            var yaml = Encoding.UTF8.GetString(output.WrittenSpan);
            var readBack = YamlJson.Parse(yaml).Single().Root;
            JsonNode.DeepEquals(readBack, document).Should().BeTrue($"document {i} should read back the same; JSON was\n{Encoding.UTF8.GetString(json)}\nYAML was:\n{yaml}");
        }
    }

    [Test]
    public void Given_apiVersion_and_kind_replace_the_listed_ones_and_lead_the_document()
    {
        using var item = JsonDocument.Parse("""{"spec": {"a": 1}, "metadata": {"namespace": "shop", "name": "x"}, "kind": "Old"}""");
        var output = new ArrayBufferWriter<byte>();
        ManifestYaml.Write(output, item.RootElement, "example.com/v1", "Widget", omit: null);
        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: x\n  namespace: shop\nspec:\n  a: 1\n");
    }

    [Test]
    public void Common_rules_applied_while_writing_equal_sanitizing_the_object_first()
    {
        var random = new Random(7);
        var documents = new List<JsonObject>
        {
            Parse("""{"metadata": {"name": "a", "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}}, "status": {"x": 1}}"""),
            Parse("""{"metadata": {"name": "a", "annotations": {}}}"""),
            Parse("""{"metadata": {"uid": "u", "resourceVersion": "1", "creationTimestamp": "2024-01-01T00:00:00Z", "managedFields": [{"manager": "m"}]}}"""),
            Parse("""{"metadata": {"name": "d"}, "spec": {"template": {"metadata": {"creationTimestamp": null}, "spec": {"containers": []}}}}"""),
            Parse("""{"metadata": {"name": "c"}, "spec": {"jobTemplate": {"metadata": {"creationTimestamp": null}, "spec": {"template": {"metadata": {"creationTimestamp": null, "labels": {"a": "b"}}}}}}}"""),
            Parse("""{"metadata": {"name": "s"}, "spec": {"volumeClaimTemplates": [{"metadata": {"name": "data", "creationTimestamp": null}, "spec": {}, "status": {"phase": "Pending"}}, "odd"]}}"""),
            Parse("""{"metadata": {"name": "x", "annotations": {"deployment.kubernetes.io/revision": "3", "keep": "me"}, "ownerReferences": [{"uid": "o"}]}}"""),
        };
        for (var i = 0; i < 300; i++)
        {
            documents.Add(RandomManifest(random));
        }

        foreach (var document in documents)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(document, GoLikeEscaping);
            using var listed = JsonDocument.Parse(json);
            var whileWriting = new ArrayBufferWriter<byte>();
            ManifestYaml.Write(whileWriting, listed.RootElement, "apps/v1", "Deployment", ManifestSanitizer.CommonRules);

            var model = (JsonObject)document.DeepClone();
            model["apiVersion"] = "apps/v1";
            model["kind"] = "Deployment";
            ManifestSanitizer.Sanitize(model, "apps", "Deployment");
            var expected = Encoding.UTF8.GetString(ManifestYaml.ToYaml(model));
            Encoding.UTF8.GetString(whileWriting.WrittenSpan).Should().Be(expected, $"JSON was {Encoding.UTF8.GetString(json)}");
        }
    }

    /// <summary>An object shaped like a manifest, with the fields the common rules touch present or not at random.</summary>
    private static JsonObject RandomManifest(Random random)
    {
        var metadata = new JsonObject();
        foreach (var field in (string[])["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "ownerReferences", "labels", "generateName", "finalizers"])
        {
            if (random.Next(2) == 0)
            {
                metadata[field] = field switch
                {
                    "labels" => RandomObject(random, 2),
                    "managedFields" or "ownerReferences" or "finalizers" => new JsonArray(RandomObject(random, 3)),
                    "generation" => random.Next(100),
                    _ => Pick(random),
                };
            }
        }

        if (random.Next(3) > 0)
        {
            var annotations = new JsonObject();
            foreach (var key in (string[])["kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision", "pv.kubernetes.io/bind-completed", "note", Pick(random)])
            {
                if (random.Next(2) == 0)
                {
                    annotations[key] = Pick(random);
                }
            }

            metadata["annotations"] = annotations;
        }

        var template = new JsonObject { ["metadata"] = new JsonObject { ["creationTimestamp"] = null, ["labels"] = RandomObject(random, 3) }, ["spec"] = RandomObject(random, 2) };
        var spec = new JsonObject { ["replicas"] = random.Next(5) };
        if (random.Next(2) == 0)
        {
            spec["template"] = template;
        }

        if (random.Next(3) == 0)
        {
            spec["jobTemplate"] = new JsonObject { ["metadata"] = new JsonObject { ["creationTimestamp"] = null }, ["spec"] = new JsonObject { ["template"] = template.DeepClone() } };
        }

        if (random.Next(3) == 0)
        {
            spec["volumeClaimTemplates"] = new JsonArray(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "data", ["creationTimestamp"] = null }, ["status"] = new JsonObject { ["phase"] = "Pending" } });
        }

        var manifest = new JsonObject { ["metadata"] = metadata, ["spec"] = spec, ["extra"] = RandomObject(random, 2) };
        if (random.Next(2) == 0)
        {
            manifest["status"] = RandomObject(random, 2);
        }

        return manifest;
    }

    private static JsonObject RandomObject(Random random, int depth)
    {
        var obj = new JsonObject();
        var count = random.Next(depth >= 3 ? 0 : 1, 6);
        for (var i = 0; i < count; i++)
        {
            var key = random.Next(4) == 0 ? Pick(random) : $"k{i}-{Pick(random)}";
            obj[key] = RandomValue(random, depth + 1);
        }

        return obj;
    }

    private static JsonNode? RandomValue(Random random, int depth)
    {
        switch (random.Next(depth >= 4 ? 6 : 9))
        {
            case 0:
            case 1:
            case 2:
                return JsonValue.Create(Pick(random));
            case 3:
                return random.Next(3) switch { 0 => JsonValue.Create(random.Next(-1000, 100_000)), 1 => JsonValue.Create(random.Next(0, 1000) / 4.0), _ => JsonValue.Create(long.MaxValue - random.Next(10)) };
            case 4:
                return random.Next(2) == 0 ? JsonValue.Create(random.Next(2) == 0) : null;
            case 5:
                return JsonValue.Create(Pick(random) + " " + Pick(random));
            case 6:
                return RandomObject(random, depth);
            default:
                var list = new JsonArray();
                for (var i = random.Next(0, 4); i > 0; i--)
                {
                    list.Add(RandomValue(random, depth + 1));
                }

                return list;
        }
    }

    private static string Pick(Random random) => Words[random.Next(Words.Length)];

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}

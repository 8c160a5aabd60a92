using System.Text;
using System.Text.Json.Nodes;
using KubeStash.Dumper.Output;
using KubeStash.Entities.Serialization;

namespace KubeStash.Tests.Dumper;

/// <summary>The hand-written YAML writer reads back (YAML 1.2, as kubectl and our serializer read it) to the same JSON.</summary>
public sealed class ManifestYamlTests
{
    private static readonly string[] TrickyStrings =
    [
        "true", "False", "yes", "no", "on", "off", "y", "N", "null", "~", "", " ", "0", "012", "0x1F", "1e3", "1_000", "1:20", ".5", "-1", "+1", ".inf", "-.inf", ".NaN",
        "10.96.0.10", "nginx:1.27", "a: b", "a #b", "key:", "- item", "? x", "[x]", "{x}", "*alias", "&anchor", "!tag", "|", ">", "'q'", "\"q\"", "%d", "@at", "`tick",
        "line one\nline two\n", "no final newline\nsecond", "two finals\n\n", "\nleading newline", "  indented\nsecond", "trailing space \nx", "tab\there", "cr\r\nlf",
        "Infinity", "-Infinity", "infinity", "NaN", "nan", "iNfInItY", "Ünïcode", "emoji 😀", "control \u0001", "<h1>shop</h1>", "/path/to", "a,b", "f(x)", "kubernetes.io/service-account.name", "=", "<<",
    ];

    [Test]
    public void Every_tricky_string_round_trips_as_value_key_and_sequence_item()
    {
        foreach (var value in TrickyStrings)
        {
            var document = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject { ["name"] = "x", ["labels"] = new JsonObject { [value.Length == 0 ? "empty" : value] = value } },
                ["data"] = new JsonObject { ["v"] = value, ["list"] = new JsonArray(value, new JsonArray(value, 1), new JsonObject { ["k"] = value, ["n"] = new JsonObject { ["deep"] = value } }) },
            };
            var expected = document.DeepClone();
            var yaml = Encoding.UTF8.GetString(ManifestYaml.ToYaml(document));
            var parsed = YamlJson.Parse(yaml).Single().Root;
            JsonNode.DeepEquals(parsed, expected).Should().BeTrue($"\"{value}\" should round-trip; YAML was:\n{yaml}");
        }
    }

    [TestCase("Infinity")]
    [TestCase("infinity")]
    [TestCase("NaN")]
    [TestCase("nan")]
    public void Words_a_number_parser_takes_for_a_number_are_quoted(string value)
    {
        var yaml = Encoding.UTF8.GetString(ManifestYaml.ToYaml(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["data"] = new JsonObject { ["v"] = value } }));

        yaml.Should().NotContain($"v: {value}\n").And.Contain(value);
    }

    [TestCase("image")]
    [TestCase("nginx")]
    public void Ordinary_words_stay_plain(string value)
    {
        var yaml = Encoding.UTF8.GetString(ManifestYaml.ToYaml(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["data"] = new JsonObject { ["v"] = value } }));

        yaml.Should().Contain($"v: {value}\n");
    }

    [Test]
    public void Layout_is_block_style_in_manifest_order()
    {
        var yaml = Encoding.UTF8.GetString(ManifestYaml.ToYaml((JsonObject)JsonNode.Parse("""
            {"spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "web", "ports": [{"containerPort": 80}], "args": []}]}}},
             "metadata": {"labels": {"app": "web"}, "name": "web", "namespace": "shop", "annotations": {"note": "a\nb\n"}},
             "kind": "Deployment", "apiVersion": "apps/v1", "extra": {}}
            """)!));
        yaml.Should().Be("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              labels:
                app: web
              annotations:
                note: |
                  a
                  b
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                  - name: web
                    ports:
                    - containerPort: 80
                    args: []
            extra: {}

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}

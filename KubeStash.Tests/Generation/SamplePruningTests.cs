using k8s;
using k8s.Models;
using KubeStash.Entities;
using KubeStash.Operator.Runtime.Generation;

namespace KubeStash.Tests.Generation;

/// <summary>
/// The API server silently drops every field a CRD schema does not declare. Each sample in config/samples is walked
/// against the generated schema of its kind, the way the server prunes, and must lose nothing.
/// </summary>
[TestFixture]
public sealed class SamplePruningTests
{
    private Dictionary<(string Group, string Kind), V1JSONSchemaProps> _schemas = null!;

    [OneTimeSetUp]
    public void Generate()
    {
        var builder = new CustomResourceDefinitionBuilder(new OpenApiSchemaBuilder(new XmlDocumentation()));
        _schemas = typeof(CustomResource<>).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsDefined(typeof(KubernetesEntityAttribute), false))
            .Select(t => builder.Build(EntityDefinition.Of(t)))
            .ToDictionary(c => (c.Spec.Group, c.Spec.Names.Kind), c => c.Spec.Versions.Single().Schema.OpenAPIV3Schema);
    }

    private static IEnumerable<TestCaseData> Samples()
    {
        var directory = Path.Combine(RepositoryRoot.Find(), "config", "samples");
        return Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").Order(StringComparer.Ordinal)
                .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetFileName(f)))
            : [];
    }

    [TestCaseSource(nameof(Samples))]
    public async Task Sample_loses_no_field_to_pruning(string file)
    {
        var documents = (await File.ReadAllTextAsync(file)).Split("\n---", StringSplitOptions.RemoveEmptyEntries)
            .Select(d => KubernetesYaml.Deserialize<Dictionary<object, object>>(d))
            .Where(d => d is not null)
            .ToList();
        documents.Should().NotBeEmpty();

        foreach (var document in documents)
        {
            var apiVersion = (string)document["apiVersion"];
            var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
            _schemas.Should().ContainKey((group, (string)document["kind"]), $"{file} holds a kind we serve");
            var pruned = new List<string>();
            foreach (var (key, value) in document)
            {
                var name = (string)key;
                if (name is "apiVersion" or "kind" or "metadata")
                {
                    continue;
                }

                if (_schemas[(group, (string)document["kind"])].Properties.TryGetValue(name, out var declared))
                {
                    Walk(value, declared, name, pruned);
                }
                else
                {
                    pruned.Add(name);
                }
            }

            pruned.Should().BeEmpty($"{Path.GetFileName(file)} must survive the API server's pruning");
        }
    }

    [Test]
    public void The_walker_reports_undeclared_fields()
    {
        var schema = new V1JSONSchemaProps
        {
            Type = "object",
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["spec"] = new()
                {
                    Type = "object",
                    Properties = new Dictionary<string, V1JSONSchemaProps>
                    {
                        ["known"] = new() { Type = "string" },
                        ["free"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                        ["list"] = new() { Type = "array", Items = new V1JSONSchemaProps { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps> { ["a"] = new() { Type = "string" } } } },
                    },
                },
            },
        };
        var value = new Dictionary<object, object>
        {
            ["known"] = "x",
            ["unknown"] = "y",
            ["free"] = new Dictionary<object, object> { ["anything"] = new Dictionary<object, object> { ["deep"] = "z" } },
            ["list"] = new List<object> { new Dictionary<object, object> { ["a"] = "1", ["b"] = "2" } },
        };
        var pruned = new List<string>();

        Walk(value, schema.Properties["spec"], "spec", pruned);

        pruned.Should().BeEquivalentTo("spec.unknown", "spec.list[0].b");
    }

    private static void Walk(object? value, V1JSONSchemaProps schema, string path, List<string> pruned)
    {
        switch (value)
        {
            case Dictionary<object, object> map:
                foreach (var (key, child) in map)
                {
                    var name = (string)key;
                    if (schema.Properties is { } properties && properties.TryGetValue(name, out var declared))
                    {
                        Walk(child, declared, $"{path}.{name}", pruned);
                    }
                    else if (schema.AdditionalProperties is V1JSONSchemaProps values)
                    {
                        Walk(child, values, $"{path}.{name}", pruned);
                    }
                    else if (schema.XKubernetesPreserveUnknownFields != true)
                    {
                        pruned.Add($"{path}.{name}");
                    }
                }

                break;
            case List<object> list when schema.Items is V1JSONSchemaProps items:
                for (var i = 0; i < list.Count; i++)
                {
                    Walk(list[i], items, $"{path}[{i}]", pruned);
                }

                break;
        }
    }
}

using System.Text.Json.Nodes;
using k8s.Models;
using KubeStash.Entities;
using KubeStash.LocalCluster.Semantics;
using KubeStash.Operator.Runtime.Generation;

namespace KubeStash.Tests.Generation;

/// <summary>
/// A second, independent judge of the generated schemas: LocalCluster's structural-schema admission (pruning,
/// defaulting, validation as kube-apiserver does them) must accept every sample in config/samples unchanged.
/// </summary>
[TestFixture]
public sealed class SampleAdmissionTests
{
    private Dictionary<(string Group, string Kind), StructuralSchema> _schemas = null!;

    [OneTimeSetUp]
    public void Generate()
    {
        var builder = new CustomResourceDefinitionBuilder(new OpenApiSchemaBuilder(new XmlDocumentation()));
        _schemas = typeof(CustomResource<>).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsDefined(typeof(KubernetesEntityAttribute), false))
            .Select(t => builder.Build(EntityDefinition.Of(t)))
            .ToDictionary(c => (c.Spec.Group, c.Spec.Names.Kind), c => new StructuralSchema(c.Spec.Versions.Single().Schema.OpenAPIV3Schema));
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
    public async Task Sample_is_admitted_without_pruning_or_errors(string file)
    {
        var documents = YamlToJson.Documents(await File.ReadAllTextAsync(file));
        documents.Should().NotBeEmpty();
        foreach (var obj in documents)
        {
            var apiVersion = (string)obj["apiVersion"]!;
            var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
            var before = obj.ToJsonString();

            var result = _schemas[(group, (string)obj["kind"]!)].Admit(obj);

            result.PrunedFields.Should().BeEmpty();
            result.Errors.Select(e => e.ToString()).Should().BeEmpty();
            obj.ToJsonString().Should().Be(before, "the samples set every field they rely on and the schemas declare no defaults");
        }
    }

    [Test]
    public void Admission_against_the_generated_schema_rejects_what_kube_would()
    {
        var obj = JsonNode.Parse(
            """{"apiVersion":"storage.kubestash.com/v1alpha1","kind":"BackupStorage","metadata":{"name":"s"},"spec":{"deletionPolicy":"Sometimes","bogus":1}}""")!.AsObject();

        var result = _schemas[("storage.kubestash.com", "BackupStorage")].Admit(obj);

        result.PrunedFields.Should().Equal("spec.bogus");
        result.Errors.Should().Contain(e => e.Field == "spec.deletionPolicy");
    }
}

using k8s;
using k8s.Models;
using KubeStash.Entities;
using KubeStash.Operator.Runtime.Generation;
using KubeStash.Tests.Generation.Samples;

namespace KubeStash.Tests.Generation;

[TestFixture]
public sealed class StructuralSchemaTests
{
    private CustomResourceDefinitionBuilder _builder = null!;

    [OneTimeSetUp]
    public void CreateBuilder() => _builder = new CustomResourceDefinitionBuilder(new OpenApiSchemaBuilder(new XmlDocumentation()));

    // KubeStash declares these columns although RestoreSessionSpec has no failurePolicy and HookTemplateSpec no timeout
    // field; the API is served unchanged, so the columns stay (and print <none>, as they do for KubeStash users).
    private static readonly HashSet<(string Entity, string JsonPath)> UpstreamColumnsWithoutField =
        [("RestoreSession", ".spec.failurePolicy"), ("HookTemplate", ".spec.timeout")];

    private static IEnumerable<Type> ProductEntities() =>
        typeof(CustomResource<>).Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsDefined(typeof(KubernetesEntityAttribute), false));

    private static IEnumerable<TestCaseData> AllEntities() =>
        new[] { typeof(Widget), typeof(Gadget) }.Concat(ProductEntities()).Select(t => new TestCaseData(t).SetArgDisplayNames(t.Name));

    [TestCaseSource(nameof(AllEntities))]
    public void Every_generated_schema_is_structural(Type entity)
    {
        var crd = _builder.Build(EntityDefinition.Of(entity));
        StructuralSchemaRules.Violations(crd.Spec.Versions.Single().Schema.OpenAPIV3Schema).Should().BeEmpty();
    }

    [TestCaseSource(nameof(AllEntities))]
    public void Printer_columns_point_at_declared_fields(Type entity)
    {
        var version = _builder.Build(EntityDefinition.Of(entity)).Spec.Versions.Single();
        foreach (var column in version.AdditionalPrinterColumns ?? [])
        {
            var segments = column.JsonPath.TrimStart('.').Split('.');
            if (segments[0] == "metadata" || UpstreamColumnsWithoutField.Contains((entity.Name, column.JsonPath)))
            {
                continue;
            }

            var node = version.Schema.OpenAPIV3Schema;
            foreach (var segment in segments)
            {
                node.Properties.Should().ContainKey(segment, $"column {column.Name} reads {column.JsonPath}");
                node = node.Properties[segment];
            }
        }
    }

    [TestCaseSource(nameof(AllEntities))]
    public void Every_crd_stays_well_below_the_stored_object_limit(Type entity)
    {
        // etcd refuses values over 1.5 MiB by default; keep a third of headroom. (Client-side kubectl apply has a lower
        // 256 KiB limit because it copies the object into an annotation; config/ is applied server-side instead.)
        KubernetesJson.Serialize(_builder.Build(EntityDefinition.Of(entity))).Length.Should().BeLessThan(1024 * 1024);
    }

    [Test]
    public void The_rules_catch_non_structural_schemas()
    {
        var bad = new V1JSONSchemaProps
        {
            Type = "object",
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["metadata"] = new() { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps> { ["labels"] = new() { Type = "object" } } },
                ["untyped"] = new() { Description = "no type" },
                ["both"] = new()
                {
                    Type = "object",
                    Properties = new Dictionary<string, V1JSONSchemaProps> { ["a"] = new() { Type = "string" } },
                    AdditionalProperties = new V1JSONSchemaProps { Type = "string" },
                },
                ["ref"] = new() { Type = "object", RefProperty = "#/definitions/x" },
                ["list"] = new() { Type = "array" },
                ["typedIntOrString"] = new() { Type = "string", XKubernetesIntOrString = true },
                ["badAnyOf"] = new() { Type = "object", AnyOf = [new V1JSONSchemaProps { Type = "string", Description = "x" }] },
                ["missingRequired"] = new() { Type = "object", Required = ["ghost"] },
            },
        };

        var violations = StructuralSchemaRules.Violations(bad);

        violations.Should().Contain(v => v.StartsWith("openAPIV3Schema.properties.metadata.properties.labels:", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith("openAPIV3Schema.properties.untyped: type must not be empty", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith("openAPIV3Schema.properties.both: properties and additionalProperties", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith("openAPIV3Schema.properties.ref: $ref", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith("openAPIV3Schema.properties.list: an array must have items", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith("openAPIV3Schema.properties.typedIntOrString: x-kubernetes-int-or-string nodes must not have a type", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith("openAPIV3Schema.properties.badAnyOf: anyOf/allOf/oneOf/not must not set", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith("openAPIV3Schema.properties.missingRequired: required field 'ghost'", StringComparison.Ordinal));
    }
}

using System.Text.Json.Serialization;
using k8s.Models;
using KubeStash.Entities;
using KubeStash.Entities.Schema;
using KubeStash.Operator.Runtime.Generation;

namespace KubeStash.Tests.Generation;

/// <summary>Classes that cannot become a valid CRD are refused with a message naming the class and member.</summary>
[TestFixture]
public sealed class SchemaErrorTests
{
    private static Action Build(Type entity) =>
        () => new CustomResourceDefinitionBuilder(new OpenApiSchemaBuilder(new XmlDocumentation())).Build(EntityDefinition.Of(entity));

    [Test]
    public void Validation_attribute_on_the_wrong_type() =>
        Build(typeof(RangeOnString)).Should().Throw<ManifestGenerationException>().WithMessage("*BadSpec.Name: [Range] does not apply*string*");

    [Test]
    public void Dictionary_with_non_string_keys() =>
        Build(typeof(IntKeyedMap)).Should().Throw<ManifestGenerationException>().WithMessage("*IntKeyedSpec.Map*keys must be strings*");

    [Test]
    public void Custom_json_converter() =>
        Build(typeof(CustomConverted)).Should().Throw<ManifestGenerationException>().WithMessage("*ConvertedSpec.When*[JsonConverter(EpochConverter)]*");

    [Test]
    public void Printer_column_with_unknown_type() =>
        Build(typeof(BadColumn)).Should().Throw<ManifestGenerationException>().WithMessage("*BadColumn*[PrinterColumn(\"When\")]*date-time*");

    [Test]
    public void Entity_without_plural() =>
        FluentActions.Invoking(() => EntityDefinition.Of(typeof(NoPlural))).Should().Throw<ManifestGenerationException>().WithMessage("*NoPlural*PluralName*");

    [Test]
    public void Two_classes_for_one_resource() =>
        FluentActions.Invoking(() => new ManifestGenerator(new XmlDocumentation()).Generate([typeof(BadColumn), typeof(SameResource)], [], "r"))
            .Should().Throw<ManifestGenerationException>().WithMessage("*BadColumn*SameResource*things.errors.test.example*");

    /// <summary>Spec with a misplaced [Range].</summary>
    public sealed class BadSpec
    {
        /// <summary>Name.</summary>
        [System.ComponentModel.DataAnnotations.Range(1, 2)]
        public string Name { get; set; } = string.Empty;
    }

    /// <summary>Spec with a map keyed by numbers.</summary>
    public sealed class IntKeyedSpec
    {
        /// <summary>Map.</summary>
        [JsonPropertyName("map")]
        public Dictionary<int, string>? Map { get; set; }
    }

    /// <summary>Spec.</summary>
    public sealed class EmptySpec;

    /// <summary>Spec whose property has its own wire format.</summary>
    public sealed class ConvertedSpec
    {
        /// <summary>When, as seconds since the epoch.</summary>
        [JsonPropertyName("when")]
        [JsonConverter(typeof(EpochConverter))]
        public DateTimeOffset When { get; set; }
    }

    /// <summary>Writes instants as numbers.</summary>
    public sealed class EpochConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
            DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64());

        public override void Write(System.Text.Json.Utf8JsonWriter writer, DateTimeOffset value, System.Text.Json.JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.ToUnixTimeSeconds());
    }

    /// <summary>Entity.</summary>
    [KubernetesEntity(Group = "errors.test.example", ApiVersion = "v1", Kind = "CustomConverted", PluralName = "customconverteds")]
    public sealed class CustomConverted : CustomResource<ConvertedSpec>;

    /// <summary>Entity.</summary>
    [KubernetesEntity(Group = "errors.test.example", ApiVersion = "v1", Kind = "RangeOnString", PluralName = "rangeonstrings")]
    public sealed class RangeOnString : CustomResource<BadSpec>;

    /// <summary>Entity.</summary>
    [KubernetesEntity(Group = "errors.test.example", ApiVersion = "v1", Kind = "IntKeyedMap", PluralName = "intkeyedmaps")]
    public sealed class IntKeyedMap : CustomResource<IntKeyedSpec>;

    /// <summary>Entity.</summary>
    [KubernetesEntity(Group = "errors.test.example", ApiVersion = "v1", Kind = "Thing", PluralName = "things")]
    [PrinterColumn("When", "date-time", ".metadata.creationTimestamp")]
    public sealed class BadColumn : CustomResource<EmptySpec>;

    /// <summary>Entity.</summary>
    [KubernetesEntity(Group = "errors.test.example", ApiVersion = "v2", Kind = "Thing", PluralName = "things")]
    public sealed class SameResource : CustomResource<EmptySpec>;

    /// <summary>Entity.</summary>
    [KubernetesEntity(Group = "errors.test.example", ApiVersion = "v1", Kind = "NoPlural")]
    public sealed class NoPlural : CustomResource<EmptySpec>;
}

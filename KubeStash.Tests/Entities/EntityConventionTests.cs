using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Xml.Linq;
using k8s.Models;
using KubeStash.Entities;
using KubeStash.Entities.Schema;

namespace KubeStash.Tests.Entities;

/// <summary>The rules the CRD generator relies on hold for every entity and every type reachable from one.</summary>
public sealed class EntityConventionTests
{
    private static readonly Assembly EntitiesAssembly = typeof(CustomResource<>).Assembly;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> DocComments = new(LoadDocComments);

    private static IEnumerable<Type> EntityTypes() =>
        EntitiesAssembly.GetTypes().Where(t => t.GetCustomAttribute<KubernetesEntityAttribute>() is not null);

    /// <summary>Every KubeStash-defined class reachable from an entity through its properties.</summary>
    private static HashSet<Type> ReachableTypes()
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(EntityTypes());
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                foreach (var candidate in Flatten(property.PropertyType))
                {
                    if (candidate.Assembly == EntitiesAssembly && !seen.Contains(candidate))
                    {
                        pending.Enqueue(candidate);
                    }
                }
            }
        }

        return seen;
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Flatten))
            {
                yield return argument;
            }
        }
    }

    [Test]
    public void Every_public_property_has_a_wire_name_and_a_doc_comment()
    {
        var problems = new List<string>();
        foreach (var type in ReachableTypes().Where(t => t.IsClass))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
                {
                    continue;
                }

                if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is null)
                {
                    problems.Add($"{type.Name}.{property.Name}: no [JsonPropertyName]");
                }

                var declaring = property.DeclaringType!.IsGenericType ? property.DeclaringType.GetGenericTypeDefinition() : property.DeclaringType;
                var key = $"P:{declaring.FullName}.{property.Name}";
                if (!DocComments.Value.TryGetValue(key, out var summary) || string.IsNullOrWhiteSpace(summary))
                {
                    problems.Add($"{type.Name}.{property.Name}: no XML doc comment ({key})");
                }
            }
        }

        problems.Should().BeEmpty();
    }

    [Test]
    public void Every_enum_is_written_as_a_string_and_documented()
    {
        var problems = new List<string>();
        foreach (var type in ReachableTypes().Where(t => t.IsEnum))
        {
            var converter = type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType;
            if (converter != typeof(JsonStringEnumConverter<>).MakeGenericType(type))
            {
                problems.Add($"{type.Name}: not annotated with JsonStringEnumConverter<{type.Name}>");
            }

            foreach (var member in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (!DocComments.Value.ContainsKey($"F:{type.FullName}.{member.Name}"))
                {
                    problems.Add($"{type.Name}.{member.Name}: no XML doc comment");
                }
            }
        }

        problems.Should().BeEmpty();
    }

    [Test]
    public void Optional_value_properties_are_nullable_so_absent_fields_stay_absent()
    {
        var problems = new List<string>();
        foreach (var type in ReachableTypes().Where(t => t.IsClass))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var required = property.GetCustomAttribute<System.ComponentModel.DataAnnotations.RequiredAttribute>() is not null;
                var declaredByBase = property.DeclaringType!.IsGenericType || property.DeclaringType == typeof(CustomResource<>);
                if (!required && !declaredByBase && property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
                {
                    problems.Add($"{type.Name}.{property.Name} is a non-nullable {property.PropertyType.Name}");
                }
            }
        }

        problems.Should().BeEmpty();
    }

    [Test]
    public void Free_form_properties_preserve_unknown_fields()
    {
        var freeForm = ReachableTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => typeof(JsonNode).IsAssignableFrom(p.PropertyType))
            .ToList();

        freeForm.Should().NotBeEmpty();
        freeForm.Where(p => p.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is null)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .Should().BeEmpty();
    }

    [Test]
    public void Required_fields_are_the_ones_kubestash_marks_required()
    {
        var required = ReachableTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<System.ComponentModel.DataAnnotations.RequiredAttribute>() is not null)
                .Select(p => $"{t.Name}.{p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name}"));

        required.Should().BeEquivalentTo(
            "Condition.type", "Condition.status", "Condition.lastTransitionTime",
            "ObjectReference.name", "TypedObjectReference.name",
            "SchedulerSpec.schedule", "SchedulerSpec.jobTemplate");
    }

    [Test]
    public void Every_entity_type_has_a_doc_comment()
    {
        ReachableTypes().Where(t => !DocComments.Value.ContainsKey($"T:{t.FullName}")).Select(t => t.FullName).Should().BeEmpty();
    }

    private static Dictionary<string, string> LoadDocComments()
    {
        var file = Path.ChangeExtension(EntitiesAssembly.Location, ".xml");
        File.Exists(file).Should().BeTrue($"the documentation file {file} must be produced");
        return XDocument.Load(file).Descendants("member")
            .ToDictionary(m => m.Attribute("name")!.Value, m => m.Element("summary")?.Value.Trim() ?? m.Value.Trim());
    }
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Generation;

/// <summary>
/// Builds structural OpenAPI v3 schemas (as the API server wants them in a CRD) from C# classes, following the wire
/// format of <c>k8s.KubernetesJson</c>: camelCase names unless <see cref="JsonPropertyNameAttribute"/> says otherwise,
/// enums as strings, nulls omitted.
/// </summary>
public sealed class OpenApiSchemaBuilder(XmlDocumentation documentation, SchemaOptions options)
{
    // The pattern controller-gen attaches to resource.Quantity fields.
    private const string QuantityPattern =
        @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    private static readonly Assembly KubernetesModels = typeof(V1ObjectMeta).Assembly;

    public OpenApiSchemaBuilder(XmlDocumentation documentation)
        : this(documentation, new SchemaOptions())
    {
    }

    /// <summary>
    /// The schema of a whole entity: its <c>metadata</c> is left to the API server (only <c>type: object</c>, as the
    /// structural-schema rules demand), everything else is described completely so nothing gets pruned.
    /// </summary>
    public V1JSONSchemaProps ForEntity(Type entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        var schema = ObjectSchema(entityType, [], isRoot: true);
        schema.Description = documentation.Summary(entityType);
        return schema;
    }

    private V1JSONSchemaProps ObjectSchema(Type type, List<Type> path, bool isRoot)
    {
        if (path.Contains(type))
        {
            // A recursive type cannot be expanded into a finite structural schema; the cycle is cut here and keeps
            // whatever the client sends below this point instead of pruning it.
            return new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        }

        path.Add(type);
        var properties = new Dictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal);
        var required = new List<string>();
        var preserveUnknown = false;
        foreach (var property in SerializedProperties(type))
        {
            if (property.GetCustomAttribute<JsonExtensionDataAttribute>() is not null)
            {
                preserveUnknown = true;
                continue;
            }

            var name = WireName(property);
            if (properties.ContainsKey(name))
            {
                throw new ManifestGenerationException($"{type.FullName}.{property.Name}: the JSON name '{name}' is used by two properties.");
            }

            properties[name] = PropertySchema(property, path, isRoot);
            if (IsRequired(property))
            {
                required.Add(name);
            }
        }

        path.RemoveAt(path.Count - 1);
        return new V1JSONSchemaProps
        {
            Type = "object",
            Properties = properties.Count > 0 ? properties : null,
            Required = required.Count > 0 ? required : null,
            XKubernetesPreserveUnknownFields = preserveUnknown ? true : null,
        };
    }

    private V1JSONSchemaProps PropertySchema(PropertyInfo property, List<Type> path, bool parentIsRoot)
    {
        var where = $"{property.DeclaringType?.FullName}.{property.Name}";
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (parentIsRoot && type == typeof(V1ObjectMeta))
        {
            // The API server owns the root metadata schema and allows nothing but restrictions of name/generateName.
            return new V1JSONSchemaProps { Type = "object" };
        }

        RejectCustomConverter(property.GetCustomAttribute<JsonConverterAttribute>(), where);
        var schema = TypeSchema(type, path, where);

        if (SchemaMarkers.PreservesUnknownFields(property))
        {
            if (schema.Type != "object")
            {
                throw new ManifestGenerationException($"{where}: [PreserveUnknownFields] applies to object-shaped properties only, not to '{schema.Type ?? "int-or-string"}'.");
            }

            schema.XKubernetesPreserveUnknownFields = true;
        }

        if (property.DeclaringType?.Assembly != KubernetesModels || options.DescribeKubernetesModelFields)
        {
            schema.Description = documentation.Summary(property)
                ?? (IsPlainObject(type) ? documentation.Summary(type) : null);
        }

        ApplyValidation(property, schema, where);
        return schema;
    }

    private V1JSONSchemaProps TypeSchema(Type type, List<Type> path, string where)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(IntOrString))
        {
            return IntOrStringSchema();
        }

        if (type == typeof(ResourceQuantity))
        {
            var quantity = IntOrStringSchema();
            quantity.Pattern = QuantityPattern;
            return quantity;
        }

        if (type == typeof(V1ObjectMeta))
        {
            return EmbeddedObjectMeta();
        }

        if (ScalarSchema(type) is { } scalar)
        {
            return scalar;
        }

        RejectCustomConverter(type.GetCustomAttribute<JsonConverterAttribute>(), where);
        if (type.IsEnum)
        {
            return EnumSchema(type);
        }

        if (type == typeof(JsonArray))
        {
            return new V1JSONSchemaProps { Type = "array", Items = new V1JSONSchemaProps { XKubernetesPreserveUnknownFields = true } };
        }

        if (type == typeof(JsonObject) || type == typeof(JsonNode) || type == typeof(JsonElement) || type == typeof(object))
        {
            return new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        }

        if (DictionaryValueType(type, where) is { } valueType)
        {
            return new V1JSONSchemaProps { Type = "object", AdditionalProperties = TypeSchema(valueType, path, where + "[value]") };
        }

        if (ElementType(type) is { } elementType)
        {
            return new V1JSONSchemaProps { Type = "array", Items = TypeSchema(elementType, path, where + "[item]") };
        }

        if (IsPlainObject(type))
        {
            return ObjectSchema(type, path, isRoot: false);
        }

        throw new ManifestGenerationException($"{where}: type {type.FullName} has no schema mapping (interfaces, abstract and open generic types cannot be described).");
    }

    // A custom converter decides the wire shape in code the generator cannot see; describing the CLR shape instead
    // would make the API server prune or reject what the converter writes. Only the string-enum converters are known.
    private static void RejectCustomConverter(JsonConverterAttribute? converter, string where)
    {
        if (converter?.ConverterType is not { } converterType)
        {
            return;
        }

        var known = converterType == typeof(JsonStringEnumConverter)
            || (converterType.IsGenericType && converterType.GetGenericTypeDefinition() == typeof(JsonStringEnumConverter<>));
        if (!known)
        {
            throw new ManifestGenerationException(
                $"{where}: [JsonConverter({converterType.Name})] gives it a wire format the schema generator cannot know; " +
                "model the wire format with plain types instead.");
        }
    }

    private static V1JSONSchemaProps? ScalarSchema(Type type)
    {
        if (type == typeof(string) || type == typeof(char) || type == typeof(TimeSpan))
        {
            return new V1JSONSchemaProps { Type = "string" };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean" };
        }

        if (type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int32" };
        }

        if (type == typeof(long) || type == typeof(uint) || type == typeof(ulong))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int64" };
        }

        if (type == typeof(float) || type == typeof(double) || type == typeof(decimal))
        {
            return new V1JSONSchemaProps { Type = "number" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time" };
        }

        if (type == typeof(DateOnly))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date" };
        }

        if (type == typeof(Guid))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "uuid" };
        }

        if (type == typeof(byte[]))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "byte" };
        }

        return null;
    }

    private static V1JSONSchemaProps IntOrStringSchema() => new()
    {
        AnyOf = [new V1JSONSchemaProps { Type = "integer" }, new V1JSONSchemaProps { Type = "string" }],
        XKubernetesIntOrString = true,
    };

    // Metadata of an embedded object (e.g. a pod template): labels and annotations must survive pruning, so they are
    // declared, as controller-gen does with generateEmbeddedObjectMeta.
    private V1JSONSchemaProps EmbeddedObjectMeta()
    {
        V1JSONSchemaProps Field(string property, V1JSONSchemaProps schema)
        {
            if (options.DescribeKubernetesModelFields)
            {
                schema.Description = documentation.Summary(typeof(V1ObjectMeta).GetProperty(property)!);
            }

            return schema;
        }

        static V1JSONSchemaProps StringMap() => new() { Type = "object", AdditionalProperties = new V1JSONSchemaProps { Type = "string" } };

        return new V1JSONSchemaProps
        {
            Type = "object",
            Properties = new Dictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal)
            {
                ["annotations"] = Field(nameof(V1ObjectMeta.Annotations), StringMap()),
                ["finalizers"] = Field(nameof(V1ObjectMeta.Finalizers), new V1JSONSchemaProps { Type = "array", Items = new V1JSONSchemaProps { Type = "string" } }),
                ["labels"] = Field(nameof(V1ObjectMeta.Labels), StringMap()),
                ["name"] = Field(nameof(V1ObjectMeta.Name), new V1JSONSchemaProps { Type = "string" }),
                ["namespace"] = Field(nameof(V1ObjectMeta.NamespaceProperty), new V1JSONSchemaProps { Type = "string" }),
            },
        };
    }

    // KubernetesJson writes every enum as a string: the member name, or its [JsonStringEnumMemberName].
    private static V1JSONSchemaProps EnumSchema(Type type)
    {
        if (type.GetCustomAttribute<FlagsAttribute>() is not null)
        {
            throw new ManifestGenerationException($"{type.FullName}: [Flags] enums have no single-string wire form; use a list of a plain enum.");
        }

        var values = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => f.MetadataToken)
            .Select(f => (object)(f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name))
            .ToList();
        return new V1JSONSchemaProps { Type = "string", EnumProperty = values };
    }

    private static Type? DictionaryValueType(Type type, string where)
    {
        var dictionary = GenericInterface(type, typeof(IDictionary<,>)) ?? GenericInterface(type, typeof(IReadOnlyDictionary<,>));
        if (dictionary is null)
        {
            return null;
        }

        var arguments = dictionary.GetGenericArguments();
        if (arguments[0] != typeof(string))
        {
            throw new ManifestGenerationException($"{where}: dictionary keys must be strings in JSON, not {arguments[0].FullName}.");
        }

        return arguments[1];
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return GenericInterface(type, typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    private static Type? GenericInterface(Type type, Type openInterface)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == openInterface)
        {
            return type;
        }

        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface);
    }

    private static bool IsPlainObject(Type type) =>
        (type.IsClass || (type.IsValueType && !type.IsPrimitive && !type.IsEnum))
        && !type.IsAbstract && !type.ContainsGenericParameters && type != typeof(string) && type != typeof(object)
        && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
        && ScalarSchema(type) is null;

    // Base-class properties first, each class's properties in declaration order.
    private static IEnumerable<PropertyInfo> SerializedProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true })
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .OrderBy(p => InheritanceDepth(p.DeclaringType!))
            .ThenBy(p => p.MetadataToken);

    private static int InheritanceDepth(Type type)
    {
        var depth = 0;
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            depth++;
        }

        return depth;
    }

    private static string WireName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    // [Required], [JsonRequired] and C# `required` all make a value mandatory; so does a non-nullable value type in the
    // KubernetesClient models, whose generator makes every optional scalar nullable.
    private static bool IsRequired(PropertyInfo property) =>
        property.GetCustomAttribute<RequiredAttribute>() is not null
        || property.GetCustomAttribute<JsonRequiredAttribute>() is not null
        || property.GetCustomAttribute<RequiredMemberAttribute>() is not null
        || (property.DeclaringType?.Assembly == KubernetesModels
            && property.PropertyType.IsValueType
            && Nullable.GetUnderlyingType(property.PropertyType) is null);

    private static void ApplyValidation(PropertyInfo property, V1JSONSchemaProps schema, string where)
    {
        if (property.GetCustomAttribute<RegularExpressionAttribute>() is { } regex)
        {
            RequireType(schema, "string", "[RegularExpression]", where);
            schema.Pattern = regex.Pattern;
        }

        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            RequireType(schema, "integer", "number", "[Range]", where);
            schema.Minimum = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
            schema.Maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
            schema.ExclusiveMinimum = range.MinimumIsExclusive ? true : null;
            schema.ExclusiveMaximum = range.MaximumIsExclusive ? true : null;
        }

        if (property.GetCustomAttribute<MinLengthAttribute>() is { } minLength)
        {
            RequireType(schema, "string", "array", "[MinLength]", where);
            if (schema.Type == "array")
            {
                schema.MinItems = minLength.Length;
            }
            else
            {
                schema.MinLength = minLength.Length;
            }
        }

        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } maxLength)
        {
            RequireType(schema, "string", "array", "[MaxLength]", where);
            if (schema.Type == "array")
            {
                schema.MaxItems = maxLength.Length;
            }
            else
            {
                schema.MaxLength = maxLength.Length;
            }
        }
    }

    private static void RequireType(V1JSONSchemaProps schema, string type, string attribute, string where) =>
        RequireType(schema, type, type, attribute, where);

    private static void RequireType(V1JSONSchemaProps schema, string type, string otherType, string attribute, string where)
    {
        if (schema.Type != type && schema.Type != otherType)
        {
            throw new ManifestGenerationException($"{where}: {attribute} does not apply to a property of schema type '{schema.Type ?? "int-or-string"}'.");
        }
    }
}

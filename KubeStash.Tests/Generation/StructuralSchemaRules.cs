using k8s.Models;

namespace KubeStash.Tests.Generation;

/// <summary>
/// The rules kube-apiserver enforces on an <c>apiextensions.k8s.io/v1</c> CRD schema (the "structural schema" rules
/// plus the v1 restrictions on schema keywords), checked independently of the generator. Returns one line per
/// violation, naming the path of the offending node.
/// </summary>
public static class StructuralSchemaRules
{
    private static readonly HashSet<string> Types = ["object", "array", "string", "integer", "number", "boolean"];

    public static IReadOnlyList<string> Violations(V1JSONSchemaProps root)
    {
        var violations = new List<string>();
        if (root.Type != "object")
        {
            violations.Add("openAPIV3Schema: the root must have type object");
        }

        if (root.Properties is { } properties)
        {
            if (properties.TryGetValue("metadata", out var metadata))
            {
                CheckRootMetadata(metadata, violations);
            }

            foreach (var name in new[] { "apiVersion", "kind" })
            {
                if (properties.TryGetValue(name, out var field) && field.Type != "string")
                {
                    violations.Add($"openAPIV3Schema.properties.{name}: must be a string");
                }
            }
        }

        Check(root, "openAPIV3Schema", violations);
        return violations;
    }

    private static void CheckRootMetadata(V1JSONSchemaProps metadata, List<string> violations)
    {
        const string Path = "openAPIV3Schema.properties.metadata";
        if (metadata.Type != "object")
        {
            violations.Add($"{Path}: must be type object");
        }

        foreach (var name in (metadata.Properties ?? new Dictionary<string, V1JSONSchemaProps>()).Keys)
        {
            if (name is not ("name" or "generateName"))
            {
                violations.Add($"{Path}.properties.{name}: only metadata.name and metadata.generateName may be restricted");
            }
        }

        if (metadata.AdditionalProperties is not null || metadata.Required is not null || metadata.XKubernetesPreserveUnknownFields is not null
            || metadata.AnyOf is not null || metadata.AllOf is not null || metadata.OneOf is not null || metadata.Not is not null)
        {
            violations.Add($"{Path}: only type and restrictions of name/generateName are allowed");
        }
    }

    private static void Check(V1JSONSchemaProps node, string path, List<string> violations)
    {
        var intOrString = node.XKubernetesIntOrString == true;
        var preserve = node.XKubernetesPreserveUnknownFields == true;

        if (string.IsNullOrEmpty(node.Type) && !intOrString && !preserve)
        {
            violations.Add($"{path}: type must not be empty (only int-or-string and preserve-unknown-fields nodes may omit it)");
        }

        if (!string.IsNullOrEmpty(node.Type) && !Types.Contains(node.Type))
        {
            violations.Add($"{path}: unknown type '{node.Type}'");
        }

        if (intOrString)
        {
            if (!string.IsNullOrEmpty(node.Type))
            {
                violations.Add($"{path}: x-kubernetes-int-or-string nodes must not have a type");
            }

            if (node.AnyOf is not null && !IsIntOrStringAnyOf(node.AnyOf))
            {
                violations.Add($"{path}: x-kubernetes-int-or-string allows only anyOf [{{type: integer}}, {{type: string}}]");
            }
        }
        else if (node.AnyOf is not null || node.AllOf is not null || node.OneOf is not null || node.Not is not null)
        {
            CheckJunctors(node, path, violations);
        }

        if (node.XKubernetesPreserveUnknownFields == false)
        {
            violations.Add($"{path}: x-kubernetes-preserve-unknown-fields must be true or absent");
        }

        if (preserve && !string.IsNullOrEmpty(node.Type) && node.Type != "object")
        {
            violations.Add($"{path}: x-kubernetes-preserve-unknown-fields applies to objects, not '{node.Type}'");
        }

        if (node.XKubernetesEmbeddedResource == true && (node.Type != "object" || (node.Properties is null && !preserve)))
        {
            violations.Add($"{path}: x-kubernetes-embedded-resource needs type object and properties or preserve-unknown-fields");
        }

        if (node.RefProperty is not null || node.Definitions is not null || node.Dependencies is not null || node.Id is not null
            || node.Schema is not null || node.AdditionalItems is not null || node.PatternProperties is not null)
        {
            violations.Add($"{path}: $ref, definitions, dependencies, id, $schema, additionalItems and patternProperties are not allowed in CRD schemas");
        }

        if (node.UniqueItems == true)
        {
            violations.Add($"{path}: uniqueItems: true is not allowed");
        }

        if (node.Properties is not null && node.AdditionalProperties is not null)
        {
            violations.Add($"{path}: properties and additionalProperties are mutually exclusive");
        }

        if (node.Type is not null && node.Type != "object" && (node.Properties is not null || node.AdditionalProperties is not null || node.Required is not null))
        {
            violations.Add($"{path}: properties/additionalProperties/required on a non-object node");
        }

        if (node.Type == "array" && node.Items is not V1JSONSchemaProps)
        {
            violations.Add($"{path}: an array must have items given as one schema");
        }

        if (node.Type != "array" && node.Items is not null)
        {
            violations.Add($"{path}: items on a non-array node");
        }

        foreach (var name in node.Required ?? [])
        {
            if (node.Properties is null || !node.Properties.ContainsKey(name))
            {
                violations.Add($"{path}: required field '{name}' is not among the properties");
            }
        }

        if (node.EnumProperty is { } values)
        {
            if (values.Count == 0)
            {
                violations.Add($"{path}: enum must not be empty");
            }

            if (node.Type == "string" && values.Any(v => v is not string))
            {
                violations.Add($"{path}: enum values of a string must be strings");
            }
        }

        if (node.AdditionalProperties is not null and not V1JSONSchemaProps and not bool)
        {
            violations.Add($"{path}: additionalProperties must be a schema or a boolean");
        }

        if (node.AdditionalProperties is false)
        {
            violations.Add($"{path}: additionalProperties: false is not allowed");
        }

        foreach (var (name, property) in node.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            Check(property, $"{path}.properties.{name}", violations);
        }

        if (node.AdditionalProperties is V1JSONSchemaProps additional)
        {
            Check(additional, $"{path}.additionalProperties", violations);
        }

        if (node.Items is V1JSONSchemaProps items)
        {
            Check(items, $"{path}.items", violations);
        }
    }

    // Junctors may only repeat, as value validations, fields that the surrounding schema declares; they must not carry
    // description, type, default, additionalProperties or nullable.
    private static void CheckJunctors(V1JSONSchemaProps node, string path, List<string> violations)
    {
        var branches = (node.AnyOf ?? []).Concat(node.AllOf ?? []).Concat(node.OneOf ?? []).ToList();
        if (node.Not is not null)
        {
            branches.Add(node.Not);
        }

        foreach (var branch in branches)
        {
            if (branch.Description is not null || branch.Type is not null || branch.DefaultProperty is not null
                || branch.AdditionalProperties is not null || branch.Nullable is not null)
            {
                violations.Add($"{path}: anyOf/allOf/oneOf/not must not set description, type, default, additionalProperties or nullable");
            }

            foreach (var name in branch.Properties?.Keys ?? [])
            {
                if (node.Properties is null || !node.Properties.ContainsKey(name))
                {
                    violations.Add($"{path}: junctor mentions field '{name}' that the schema does not declare");
                }
            }
        }
    }

    private static bool IsIntOrStringAnyOf(IList<V1JSONSchemaProps> anyOf) =>
        anyOf.Count == 2
        && anyOf[0] is { Type: "integer" } first && IsBare(first)
        && anyOf[1] is { Type: "string" } second && IsBare(second);

    private static bool IsBare(V1JSONSchemaProps branch) =>
        branch.Description is null && branch.Properties is null && branch.Items is null && branch.AnyOf is null
        && branch.Format is null && branch.Pattern is null && branch.EnumProperty is null;
}

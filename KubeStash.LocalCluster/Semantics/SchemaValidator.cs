using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// OpenAPI v3 value validation of a custom resource as kube-apiserver does it (kube-openapi's validator, whose
/// errors apiextensions turns into field errors), plus the x-kubernetes-list-type checks. Paths are printed as kube
/// prints them: dotted members, <c>[i]</c> for list items.
/// </summary>
internal static class SchemaValidator
{
    private static readonly FrozenSet<string> RootMetaFields = FrozenSet.ToFrozenSet(["apiVersion", "kind", "metadata"], StringComparer.Ordinal);

    public static void ValidateRoot(SchemaNode schema, JsonObject obj, List<FieldError> errors) =>
        Validate(schema, obj, string.Empty, errors, isRoot: true);

    private static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static void Validate(SchemaNode schema, JsonNode? data, string path, List<FieldError> errors, bool isRoot = false)
    {
        if (!CheckType(schema, data, path, errors))
        {
            return;
        }

        if (data is not null)
        {
            CheckEnum(schema, data, path, errors);
            switch (data)
            {
                case JsonObject obj:
                    ValidateObject(schema, obj, path, errors, isRoot);
                    break;
                case JsonArray array:
                    ValidateArray(schema, array, path, errors);
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    ValidateString(schema, value.GetValue<string>(), path, errors);
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                    ValidateNumber(schema, value, path, errors);
                    break;
            }
        }

        ValidateCombinators(schema, data, path, errors);
    }

    private static bool CheckType(SchemaNode schema, JsonNode? data, string path, List<FieldError> errors)
    {
        var allowed = schema.IntOrString ? ["integer", "string"] : schema.Type is null ? Array.Empty<string>() : [schema.Type];
        if (allowed.Length == 0)
        {
            return true;
        }

        var actual = GoValueFormat.TypeName(data);
        if (data is null)
        {
            if (schema.Nullable)
            {
                return true;
            }
        }
        else if (allowed.Contains(actual)
            || (actual == "integer" && allowed.Contains("number"))
            || (actual == "number" && allowed.Contains("integer") && double.IsInteger(GoValueFormat.NumberOf((JsonValue)data))))
        {
            return true;
        }

        var typeText = string.Join(",", allowed);
        errors.Add(new FieldError(
            "FieldValueTypeInvalid",
            path,
            $"Invalid value: {GoValueFormat.Quote(actual)}: {path} in body must be of type {typeText}: {GoValueFormat.Quote(actual)}"));
        return false;
    }

    private static void CheckEnum(SchemaNode schema, JsonNode data, string path, List<FieldError> errors)
    {
        if (schema.Enum is not { Count: > 0 } values || values.Any(v => JsonValueEquality.AreEqual(v, data)))
        {
            return;
        }

        var supported = string.Join(", ", values.Select(v =>
            GoValueFormat.Quote(v is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : v?.ToJsonString() ?? "null")));
        errors.Add(new FieldError("FieldValueNotSupported", path, $"Unsupported value: {GoValueFormat.BadValue(data)}: supported values: {supported}"));
    }

    private static void ValidateObject(SchemaNode schema, JsonObject obj, string path, List<FieldError> errors, bool isRoot)
    {
        if (schema.EmbeddedResource)
        {
            ValidateEmbeddedResource(obj, path, errors);
        }

        if (schema.MinProperties is { } min && obj.Count < min)
        {
            errors.Add(Invalid(path, JsonValue.Create(obj.Count), $"{path} in body should have at least {min} properties"));
            return;
        }

        if (schema.MaxProperties is { } max && obj.Count > max)
        {
            errors.Add(TooMany(path, obj.Count, max));
            return;
        }

        if (!schema.AdditionalPropertiesAllowed)
        {
            foreach (var (key, _) in obj)
            {
                if (schema.Properties is null || !schema.Properties.ContainsKey(key))
                {
                    errors.Add(new FieldError("FieldValueInvalid", path, $"Invalid value: {GoValueFormat.Quote(key)}: {path}.{key} in body is a forbidden property"));
                }
            }
        }

        foreach (var (key, value) in obj)
        {
            if (isRoot && RootMetaFields.Contains(key))
            {
                if (key == "metadata" && value is JsonObject metadata && schema.Properties?.GetValueOrDefault("metadata") is { } metadataSchema)
                {
                    ValidateRootNames(metadataSchema, metadata, errors);
                }

                continue;
            }

            if (schema.Properties is not null && schema.Properties.TryGetValue(key, out var property))
            {
                Validate(property, value, Child(path, key), errors);
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                Validate(additional, value, Child(path, key), errors);
            }
        }

        foreach (var required in schema.Required)
        {
            if (!obj.ContainsKey(required) && !(isRoot && RootMetaFields.Contains(required)))
            {
                errors.Add(new FieldError("FieldValueRequired", Child(path, required), "Required value"));
            }
        }
    }

    /// <summary>
    /// A CRD schema may only constrain metadata.name and metadata.generateName (type string plus value
    /// validations); kube checks those, and leaves the rest of the metadata to its ObjectMeta rules.
    /// </summary>
    private static void ValidateRootNames(SchemaNode metadataSchema, JsonObject metadata, List<FieldError> errors)
    {
        foreach (var field in new[] { "name", "generateName" })
        {
            if (metadataSchema.Properties?.GetValueOrDefault(field) is { } fieldSchema && metadata.TryGetPropertyValue(field, out var value))
            {
                Validate(fieldSchema, value, "metadata." + field, errors);
            }
        }
    }

    private static void ValidateArray(SchemaNode schema, JsonArray array, string path, List<FieldError> errors)
    {
        if (schema.Items is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(items, array[i], $"{path}[{i}]", errors);
            }
        }

        if (schema.MinItems is { } min && array.Count < min)
        {
            errors.Add(Invalid(path, array, $"{path} in body should have at least {min} items"));
        }

        if (schema.MaxItems is { } max && array.Count > max)
        {
            errors.Add(TooMany(path, array.Count, max));
        }

        if (schema.UniqueItems && HasDuplicates(array.ToList()))
        {
            errors.Add(Invalid(path, array, $"{path} in body shouldn't contain duplicates"));
        }

        switch (schema.ListType)
        {
            case "set":
                for (var i = 0; i < array.Count; i++)
                {
                    if (array.Take(i).Any(previous => JsonValueEquality.AreEqual(previous, array[i])))
                    {
                        errors.Add(new FieldError("FieldValueDuplicate", $"{path}[{i}]", "Duplicate value: " + GoValueFormat.BadValue(array[i])));
                    }
                }

                break;
            case "map" when schema.ListMapKeys.Count > 0:
                var seen = new List<JsonObject>();
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not JsonObject element)
                    {
                        continue;
                    }

                    var key = new JsonObject();
                    foreach (var name in schema.ListMapKeys)
                    {
                        var value = element[name] ?? schema.Items?.Properties?.GetValueOrDefault(name)?.Default;
                        key[name] = value?.DeepClone();
                    }

                    if (seen.Any(k => JsonValueEquality.AreEqual(k, key)))
                    {
                        errors.Add(new FieldError("FieldValueDuplicate", $"{path}[{i}]", "Duplicate value: " + GoValueFormat.GoSyntax(key)));
                    }
                    else
                    {
                        seen.Add(key);
                    }
                }

                break;
        }
    }

    private static bool HasDuplicates(List<JsonNode?> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (JsonValueEquality.AreEqual(items[i], items[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void ValidateString(SchemaNode schema, string text, string path, List<FieldError> errors)
    {
        var data = JsonValue.Create(text);
        var length = text.EnumerateRunes().Count();
        if (schema.MaxLength is { } max && length > max)
        {
            errors.Add(new FieldError("FieldValueTooLong", path, $"Too long: may not be more than {max} {(max == 1 ? "byte" : "bytes")}"));
        }

        if (schema.MinLength is { } min && length < min)
        {
            errors.Add(Invalid(path, data, $"{path} in body should be at least {min} chars long"));
        }

        if (schema.PatternRegex is { } regex)
        {
            bool matched;
            try
            {
                matched = regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                matched = false;
            }

            if (!matched)
            {
                errors.Add(Invalid(path, data, $"{path} in body should match '{schema.Pattern}'"));
            }
        }

        if (schema.Format is { } format && !SchemaFormats.IsValid(format, text))
        {
            errors.Add(new FieldError("FieldValueTypeInvalid", path, $"Invalid value: {GoValueFormat.Quote(text)}: {path} in body must be of type {format}: {GoValueFormat.Quote(text)}"));
        }
    }

    private static void ValidateNumber(SchemaNode schema, JsonValue value, string path, List<FieldError> errors)
    {
        var number = GoValueFormat.NumberOf(value);
        if (schema.MultipleOf is { } factor && factor > 0 && !double.IsInteger(Math.Round(number / factor, 9)))
        {
            errors.Add(Invalid(path, value, $"{path} in body should be a multiple of {GoValueFormat.Float(factor)}"));
        }

        if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? number >= max : number > max))
        {
            var relation = schema.ExclusiveMaximum ? "less than" : "less than or equal to";
            errors.Add(Invalid(path, value, $"{path} in body should be {relation} {GoValueFormat.Float(max)}"));
        }

        if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? number <= min : number < min))
        {
            var relation = schema.ExclusiveMinimum ? "greater than" : "greater than or equal to";
            errors.Add(Invalid(path, value, $"{path} in body should be {relation} {GoValueFormat.Float(min)}"));
        }
    }

    private static void ValidateCombinators(SchemaNode schema, JsonNode? data, string path, List<FieldError> errors)
    {
        if (schema.AllOf is { Count: > 0 } allOf)
        {
            var validated = 0;
            foreach (var sub in allOf)
            {
                var subErrors = new List<FieldError>();
                Validate(sub, data, path, subErrors);
                errors.AddRange(subErrors);
                validated += subErrors.Count == 0 ? 1 : 0;
            }

            if (validated != allOf.Count)
            {
                errors.Add(Invalid(path, null, $"{path} must validate all the schemas (allOf){(validated == 0 ? ". None validated" : string.Empty)}"));
            }
        }

        if (schema.AnyOf is { Count: > 0 } anyOf)
        {
            var collected = new List<FieldError>();
            var any = false;
            foreach (var sub in anyOf)
            {
                var subErrors = new List<FieldError>();
                Validate(sub, data, path, subErrors);
                if (subErrors.Count == 0)
                {
                    any = true;
                    break;
                }

                collected.AddRange(subErrors);
            }

            if (!any)
            {
                errors.AddRange(collected);
                errors.Add(Invalid(path, null, $"{path} must validate at least one schema (anyOf)"));
            }
        }

        if (schema.OneOf is { Count: > 0 } oneOf)
        {
            var collected = new List<FieldError>();
            var validated = 0;
            foreach (var sub in oneOf)
            {
                var subErrors = new List<FieldError>();
                Validate(sub, data, path, subErrors);
                validated += subErrors.Count == 0 ? 1 : 0;
                collected.AddRange(subErrors);
            }

            if (validated != 1)
            {
                if (validated == 0)
                {
                    errors.AddRange(collected);
                }

                var detail = validated > 1 ? string.Create(CultureInfo.InvariantCulture, $" Found {validated} valid alternatives") : string.Empty;
                errors.Add(Invalid(path, null, $"{path} must validate one and only one schema (oneOf).{detail}"));
            }
        }

        if (schema.Not is { } not)
        {
            var subErrors = new List<FieldError>();
            Validate(not, data, path, subErrors);
            if (subErrors.Count == 0)
            {
                errors.Add(Invalid(path, null, $"{path} must not validate the schema (not)"));
            }
        }
    }

    private static FieldError TooMany(string path, int actual, long max) =>
        new("FieldValueTooMany", path, $"Too many: {actual}: must have at most {max} {(max == 1 ? "item" : "items")}");

    /// <summary>kube's checks of an x-kubernetes-embedded-resource object: apiVersion and kind present, strings, non-empty.</summary>
    private static void ValidateEmbeddedResource(JsonObject obj, string path, List<FieldError> errors)
    {
        foreach (var member in new[] { "apiVersion", "kind" })
        {
            var memberPath = Child(path, member);
            if (!obj.TryGetPropertyValue(member, out var value))
            {
                errors.Add(new FieldError("FieldValueRequired", memberPath, "Required value: must not be empty"));
            }
            else if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(Invalid(memberPath, value, "must be a string"));
            }
            else if (text.GetValue<string>().Length == 0)
            {
                errors.Add(Invalid(memberPath, text, "must not be empty"));
            }
            else if (member == "apiVersion" && text.GetValue<string>().Count(c => c == '/') > 1)
            {
                errors.Add(Invalid(memberPath, text, $"unexpected GroupVersion string: {text.GetValue<string>()}"));
            }
        }

        if (obj.TryGetPropertyValue("metadata", out var metadata) && metadata is not JsonObject)
        {
            errors.Add(Invalid(Child(path, "metadata"), metadata, "must be an object"));
        }
    }

    private static FieldError Invalid(string path, JsonNode? value, string detail) =>
        new("FieldValueInvalid", path, $"Invalid value: {(value is null ? "\"\"" : GoValueFormat.BadValue(value))}: {detail}");
}

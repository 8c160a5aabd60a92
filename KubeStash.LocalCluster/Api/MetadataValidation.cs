using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.LocalCluster.Api;

/// <summary>kube-apiserver's ObjectMeta validation: label keys and values, annotation keys, finalizers, owner references.</summary>
internal static class MetadataValidation
{
    public static List<FieldError> Errors(JsonObject obj)
    {
        var errors = new List<FieldError>();
        if (obj["metadata"] is not JsonObject metadata)
        {
            return errors;
        }
        if (metadata["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                errors.AddRange(KubeNameValidation.QualifiedNameErrors(key).Select(e => Invalid("metadata.labels", key, e)));
                var text = ObjectJson.String(value) ?? "";
                errors.AddRange(KubeNameValidation.LabelValueErrors(text).Select(e => Invalid("metadata.labels", text, e)));
            }
        }
        if (metadata["annotations"] is JsonObject annotations)
        {
            var total = 0L;
            foreach (var (key, value) in annotations)
            {
                errors.AddRange(KubeNameValidation.QualifiedNameErrors(key.ToLowerInvariant()).Select(e => Invalid("metadata.annotations", key, e)));
                total += key.Length + (ObjectJson.String(value)?.Length ?? 0);
            }
            if (total > 256 * 1024)
            {
                errors.Add(new FieldError("FieldValueTooLong", "metadata.annotations", $"Too long: may not be more than {256 * 1024} bytes"));
            }
        }
        var finalizers = ObjectJson.Finalizers(obj);
        for (var i = 0; i < finalizers.Count; i++)
        {
            errors.AddRange(KubeNameValidation.QualifiedNameErrors(finalizers[i]).Select(e => Invalid($"metadata.finalizers[{i}]", finalizers[i], e)));
        }
        foreach (var reference in (metadata["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var (field, what) in new[] { ("apiVersion", "version"), ("kind", "kind"), ("name", "name"), ("uid", "uid") })
            {
                if (string.IsNullOrEmpty(ObjectJson.String(reference[field])))
                {
                    errors.Add(Invalid($"metadata.ownerReferences.{field}", "", $"{what} must not be empty"));
                }
            }
        }
        return errors;
    }

    private static FieldError Invalid(string field, string value, string message) =>
        new("FieldValueInvalid", field, $"Invalid value: \"{value}\": {message}");
}

using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.LocalCluster.Api;

/// <summary>The spec fields kube-apiserver refuses to change on update for the built-in workload kinds.</summary>
internal static class ImmutableFields
{
    private static readonly string[] SuspendedJobSchedulingFields = ["nodeSelector", "tolerations", "affinity", "schedulingGates"];

    public static List<FieldError> Errors(ApiResource resource, JsonObject old, JsonObject updated)
    {
        var errors = new List<FieldError>();
        if (resource.IsCustom || old["spec"] is not JsonObject oldSpec)
        {
            return errors;
        }
        var newSpec = updated["spec"] as JsonObject ?? [];
        switch (resource.GroupVersion, resource.Kind)
        {
            case ("apps/v1", "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet"):
                Keep(errors, "spec.selector", oldSpec["selector"], newSpec["selector"]);
                break;
            case ("batch/v1", "Job"):
                Keep(errors, "spec.selector", oldSpec["selector"], newSpec["selector"]);
                Keep(errors, "spec.completionMode", oldSpec["completionMode"], newSpec["completionMode"]);
                var suspended = oldSpec["suspend"] is JsonValue suspend && suspend.GetValue<bool>();
                Keep(errors, "spec.template", WithoutMutable(oldSpec["template"], suspended), WithoutMutable(newSpec["template"], suspended), newSpec["template"]);
                break;
        }
        return errors;
    }

    private static void Keep(List<FieldError> errors, string field, JsonNode? before, JsonNode? after, JsonNode? shown = null)
    {
        if (!JsonNode.DeepEquals(before, after))
        {
            var value = (shown ?? after)?.ToJsonString(WireJson.Options) ?? "null";
            errors.Add(new FieldError("FieldValueInvalid", field, $"Invalid value: {value}: field is immutable"));
        }
    }

    /// <summary>A suspended Job that has not started may change its template's labels, annotations and scheduling directives.</summary>
    private static JsonNode? WithoutMutable(JsonNode? template, bool suspended)
    {
        if (!suspended || template is not JsonObject obj)
        {
            return template;
        }
        var copy = obj.DeepClone().AsObject();
        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("labels");
            metadata.Remove("annotations");
        }
        if (copy["spec"] is JsonObject spec)
        {
            foreach (var field in SuspendedJobSchedulingFields)
            {
                spec.Remove(field);
            }
        }
        return copy;
    }
}

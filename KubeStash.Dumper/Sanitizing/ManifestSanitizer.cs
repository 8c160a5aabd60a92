using System.Text.Json;
using System.Text.Json.Nodes;
using KubeStash.Dumper.Output;

namespace KubeStash.Dumper.Sanitizing;

/// <summary>
/// Removes what the cluster assigned, so <c>kubectl apply -f</c> of the dump into a fresh cluster recreates each object:
/// status; metadata uid, resourceVersion, generation, creationTimestamp, managedFields, selfLink, deletionTimestamp,
/// deletionGracePeriodSeconds and ownerReferences (their uids name objects of the old cluster, and the garbage collector
/// of the new one would delete an object whose owner uid does not exist there); the last-applied and controller
/// annotations; and per type: Service clusterIP(s), healthCheckNodePort and nodePorts the user did not ask for,
/// PersistentVolume claimRef uid/resourceVersion, PersistentVolumeClaim binding annotations, Pod nodeName and
/// service-account token volumes, Job auto-generated selectors.
/// </summary>
public static class ManifestSanitizer
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    private static readonly string[] MetadataFields =
    [
        "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences",
    ];

    private static readonly string[] ClusterAnnotations =
    [
        LastApplied,
        "deployment.kubernetes.io/revision",
        "pv.kubernetes.io/bind-completed",
        "pv.kubernetes.io/bound-by-controller",
        "pv.kubernetes.io/provisioned-by",
        "volume.beta.kubernetes.io/storage-provisioner",
        "volume.kubernetes.io/storage-provisioner",
        "volume.kubernetes.io/selected-node",
        "kubernetes.io/service-account.uid",
    ];

    private static readonly string[] JobControllerLabels =
        ["controller-uid", "batch.kubernetes.io/controller-uid", "job-name", "batch.kubernetes.io/job-name"];

    private static readonly OmittedFields TemplateRules = new(children: [("metadata", new OmittedFields(["creationTimestamp"]))]);

    /// <summary>
    /// The rules every type shares (everything <see cref="Sanitize"/> does but the per-type ones), as fields for
    /// <see cref="ManifestYaml"/> to leave out while it writes; the result equals writing the sanitized object.
    /// </summary>
    public static OmittedFields CommonRules { get; } = new(
        ["status"],
        [
            ("metadata", new OmittedFields(MetadataFields, [("annotations", new OmittedFields(ClusterAnnotations, omitWhenEmpty: true))])),
            ("spec", new OmittedFields(children:
            [
                ("template", TemplateRules),
                ("jobTemplate", new OmittedFields(children: [("metadata", new OmittedFields(["creationTimestamp"])), ("spec", new OmittedFields(children: [("template", TemplateRules)]))])),
                ("volumeClaimTemplates", new OmittedFields(items: new OmittedFields(["status"], [("metadata", new OmittedFields(["creationTimestamp"]))]))),
            ])),
        ]);

    /// <summary>Whether the type has rules of its own beyond <see cref="CommonRules"/> (its objects go through <see cref="Sanitize"/>).</summary>
    public static bool HasTypeRules(string group, string kind) =>
        (group, kind) is ("", "Service") or ("", "PersistentVolume") or ("", "Pod") or ("", "ServiceAccount") or ("batch", "Job");

    /// <summary>Sanitizes <paramref name="obj"/> in place (group/kind decide the type-specific rules).</summary>
    public static void Sanitize(JsonObject obj, string group, string kind)
    {
        obj.Remove("status");
        if (obj["metadata"] is JsonObject metadata)
        {
            var lastApplied = ReadLastApplied(metadata);
            foreach (var field in MetadataFields)
            {
                metadata.Remove(field);
            }

            RemoveKeys(metadata, "annotations", ClusterAnnotations);
            ApplyTypeRules(obj, group, kind, lastApplied);
        }

        RemoveTemplateCreationTimestamps(obj["spec"] as JsonObject);
    }

    private static void ApplyTypeRules(JsonObject obj, string group, string kind, JsonObject? lastApplied)
    {
        var spec = obj["spec"] as JsonObject;
        switch (group, kind)
        {
            case ("", "Service") when spec is not null:
                SanitizeService(spec, lastApplied?["spec"] as JsonObject);
                break;
            case ("", "PersistentVolume") when (spec?["claimRef"]) is JsonObject claimRef:
                claimRef.Remove("uid");
                claimRef.Remove("resourceVersion");
                break;
            case ("", "Pod") when spec is not null:
                SanitizePodSpec(spec, dropNodeName: true);
                break;
            case ("", "ServiceAccount"):
                // Token Secrets listed here are generated per cluster (pre-1.24); the new cluster makes its own.
                obj.Remove("secrets");
                break;
            case ("batch", "Job") when spec is not null:
                SanitizeJob(obj, spec);
                break;
        }
    }

    private static void SanitizeService(JsonObject spec, JsonObject? requested)
    {
        var headless = spec["clusterIP"]?.GetValueKind() == JsonValueKind.String && spec["clusterIP"]!.GetValue<string>() == "None";
        var asked = requested?["clusterIP"] is not null;
        if (!headless && !asked)
        {
            spec.Remove("clusterIP");
            spec.Remove("clusterIPs");
        }

        if (requested?["healthCheckNodePort"] is null)
        {
            spec.Remove("healthCheckNodePort");
        }

        var requestedNodePorts = (requested?["ports"] as JsonArray)?
            .OfType<JsonObject>()
            .Where(p => p["nodePort"] is not null)
            .Select(p => p["nodePort"]!.ToJsonString())
            .ToHashSet() ?? [];
        if (spec["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                if (port["nodePort"] is { } nodePort && !requestedNodePorts.Contains(nodePort.ToJsonString()))
                {
                    port.Remove("nodePort");
                }
            }
        }
    }

    private static void SanitizeJob(JsonObject obj, JsonObject spec)
    {
        if (spec["manualSelector"]?.GetValueKind() == JsonValueKind.True)
        {
            return;
        }

        // The Job controller generated the selector from the Job's uid; a fresh cluster generates a new one.
        spec.Remove("selector");
        RemoveKeys(spec["template"]?["metadata"] as JsonObject, "labels", JobControllerLabels);
        RemoveKeys(obj["metadata"] as JsonObject, "labels", JobControllerLabels);
    }

    private static void SanitizePodSpec(JsonObject podSpec, bool dropNodeName)
    {
        if (dropNodeName)
        {
            podSpec.Remove("nodeName");
        }

        // Projected service-account token volumes (kube-api-access-*) are injected by admission in every cluster.
        var tokenVolumes = new HashSet<string>(StringComparer.Ordinal);
        if (podSpec["volumes"] is JsonArray volumes)
        {
            foreach (var volume in volumes.OfType<JsonObject>().ToList())
            {
                if (IsServiceAccountTokenVolume(volume) && volume["name"]?.GetValue<string>() is { } name)
                {
                    tokenVolumes.Add(name);
                    volumes.Remove(volume);
                }
            }
        }

        if (tokenVolumes.Count == 0)
        {
            return;
        }

        foreach (var list in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            foreach (var container in (podSpec[list] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                if (container["volumeMounts"] is JsonArray mounts)
                {
                    foreach (var mount in mounts.OfType<JsonObject>().Where(m => tokenVolumes.Contains(m["name"]?.GetValue<string>() ?? string.Empty)).ToList())
                    {
                        mounts.Remove(mount);
                    }
                }
            }
        }
    }

    private static bool IsServiceAccountTokenVolume(JsonObject volume) =>
        volume["name"]?.GetValue<string>()?.StartsWith("kube-api-access-", StringComparison.Ordinal) == true &&
        volume["projected"]?["sources"] is JsonArray sources &&
        sources.OfType<JsonObject>().Any(s => s["serviceAccountToken"] is not null);

    private static void RemoveTemplateCreationTimestamps(JsonObject? spec)
    {
        (spec?["template"]?["metadata"] as JsonObject)?.Remove("creationTimestamp");
        (spec?["jobTemplate"]?["metadata"] as JsonObject)?.Remove("creationTimestamp");
        (spec?["jobTemplate"]?["spec"]?["template"]?["metadata"] as JsonObject)?.Remove("creationTimestamp");
        foreach (var claim in (spec?["volumeClaimTemplates"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            (claim["metadata"] as JsonObject)?.Remove("creationTimestamp");
            claim.Remove("status");
        }
    }

    private static JsonObject? ReadLastApplied(JsonObject metadata)
    {
        if (metadata["annotations"]?[LastApplied] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                return JsonNode.Parse(value.GetValue<string>()) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }

    private static void RemoveKeys(JsonObject? parent, string mapName, IEnumerable<string> keys)
    {
        if (parent?[mapName] is not JsonObject map)
        {
            return;
        }

        foreach (var key in keys)
        {
            map.Remove(key);
        }

        if (map.Count == 0)
        {
            parent.Remove(mapName);
        }
    }
}

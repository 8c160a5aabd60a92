using System.Text.Json;

namespace KubeStash.Dumper.Targets;

/// <summary>
/// What a workload needs to run again, read from its pod template: ConfigMaps and Secrets (volumes, projected sources,
/// envFrom, env valueFrom, imagePullSecrets), the ServiceAccount, PersistentVolumeClaims (volumes, and a StatefulSet's
/// claims from volumeClaimTemplates), and the labels Services select it by.
/// </summary>
public sealed class WorkloadReferences
{
    public HashSet<string> ConfigMaps { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Secrets { get; } = new(StringComparer.Ordinal);

    public HashSet<string> ServiceAccounts { get; } = new(StringComparer.Ordinal);

    public HashSet<string> PersistentVolumeClaims { get; } = new(StringComparer.Ordinal);

    /// <summary>Claim name prefixes <c>&lt;template&gt;-&lt;statefulset&gt;-</c> of a StatefulSet's per-pod claims.</summary>
    public List<string> PersistentVolumeClaimPrefixes { get; } = [];

    public Dictionary<string, string> PodLabels { get; } = new(StringComparer.Ordinal);

    public static WorkloadReferences Read(JsonElement workload)
    {
        var references = new WorkloadReferences();
        var kind = workload.TryGetProperty("kind", out var k) ? k.GetString() : null;
        var spec = workload.TryGetProperty("spec", out var s) ? s : default;
        JsonElement podSpec = default;
        JsonElement podMetadata = default;
        if (kind == "Pod")
        {
            podSpec = spec;
            workload.TryGetProperty("metadata", out podMetadata);
        }
        else if (spec.ValueKind == JsonValueKind.Object)
        {
            var template = spec.TryGetProperty("template", out var t) ? t
                : spec.TryGetProperty("jobTemplate", out var jt) && jt.TryGetProperty("spec", out var js) && js.TryGetProperty("template", out var jtt) ? jtt
                : default;
            if (template.ValueKind == JsonValueKind.Object)
            {
                template.TryGetProperty("spec", out podSpec);
                template.TryGetProperty("metadata", out podMetadata);
            }

            if (kind == "StatefulSet" && spec.TryGetProperty("volumeClaimTemplates", out var claims) && claims.ValueKind == JsonValueKind.Array)
            {
                var name = workload.GetProperty("metadata").GetProperty("name").GetString();
                foreach (var claim in claims.EnumerateArray())
                {
                    if (claim.TryGetProperty("metadata", out var m) && m.TryGetProperty("name", out var n))
                    {
                        references.PersistentVolumeClaimPrefixes.Add($"{n.GetString()}-{name}-");
                    }
                }
            }
        }

        if (podMetadata.ValueKind == JsonValueKind.Object && podMetadata.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in labels.EnumerateObject())
            {
                references.PodLabels[label.Name] = label.Value.GetString() ?? string.Empty;
            }
        }

        if (podSpec.ValueKind == JsonValueKind.Object)
        {
            references.ReadPodSpec(podSpec);
        }

        return references;
    }

    private void ReadPodSpec(JsonElement podSpec)
    {
        var serviceAccount = Text(podSpec, "serviceAccountName") ?? Text(podSpec, "serviceAccount");
        if (serviceAccount is not null)
        {
            ServiceAccounts.Add(serviceAccount);
        }

        foreach (var pullSecret in Items(podSpec, "imagePullSecrets"))
        {
            Add(Secrets, Text(pullSecret, "name"));
        }

        foreach (var volume in Items(podSpec, "volumes"))
        {
            Add(ConfigMaps, Text(Child(volume, "configMap"), "name"));
            Add(Secrets, Text(Child(volume, "secret"), "secretName"));
            Add(PersistentVolumeClaims, Text(Child(volume, "persistentVolumeClaim"), "claimName"));
            foreach (var source in Items(Child(volume, "projected"), "sources"))
            {
                Add(ConfigMaps, Text(Child(source, "configMap"), "name"));
                Add(Secrets, Text(Child(source, "secret"), "name"));
            }
        }

        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in Items(podSpec, list))
            {
                foreach (var envFrom in Items(container, "envFrom"))
                {
                    Add(ConfigMaps, Text(Child(envFrom, "configMapRef"), "name"));
                    Add(Secrets, Text(Child(envFrom, "secretRef"), "name"));
                }

                foreach (var env in Items(container, "env"))
                {
                    var valueFrom = Child(env, "valueFrom");
                    Add(ConfigMaps, Text(Child(valueFrom, "configMapKeyRef"), "name"));
                    Add(Secrets, Text(Child(valueFrom, "secretKeyRef"), "name"));
                }
            }
        }
    }

    /// <summary>A Service needs a non-empty selector whose every label the pod template carries.</summary>
    public bool IsSelectedBy(JsonElement service)
    {
        var selector = Child(Child(service, "spec"), "selector");
        if (selector.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var any = false;
        foreach (var term in selector.EnumerateObject())
        {
            any = true;
            if (!PodLabels.TryGetValue(term.Name, out var value) || value != term.Value.GetString())
            {
                return false;
            }
        }

        return any;
    }

    private static void Add(HashSet<string> set, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            set.Add(name);
        }
    }

    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    private static string? Text(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    private static JsonElement[] Items(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray()] : [];
}

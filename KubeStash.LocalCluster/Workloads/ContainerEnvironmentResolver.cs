using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// Builds a container's environment the way the kubelet does: <c>envFrom</c> sources first (in order, with their
/// prefix; keys that are not valid variable names are skipped), then <c>env</c> in order, later entries winning.
/// Literal values are $(VAR)-expanded against the variables defined before them; <c>valueFrom</c> values are not.
/// </summary>
public sealed partial class ContainerEnvironmentResolver(IWorkloadObjectSource objects)
{
    public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(V1Pod pod, V1Container container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        var ns = pod.Namespace() ?? "default";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var source in container.EnvFrom ?? [])
        {
            var prefix = source.Prefix ?? string.Empty;
            IEnumerable<KeyValuePair<string, string>> entries;
            if (source.ConfigMapRef is { } configMapRef)
            {
                var configMap = await objects.GetConfigMapAsync(ns, configMapRef.Name, cancellationToken);
                if (configMap is null)
                {
                    if (configMapRef.Optional == true)
                    {
                        continue;
                    }

                    throw new ContainerConfigException($"configmap \"{configMapRef.Name}\" not found (container \"{container.Name}\" envFrom)");
                }

                entries = configMap.Data ?? new Dictionary<string, string>();
            }
            else if (source.SecretRef is { } secretRef)
            {
                var secret = await objects.GetSecretAsync(ns, secretRef.Name, cancellationToken);
                if (secret is null)
                {
                    if (secretRef.Optional == true)
                    {
                        continue;
                    }

                    throw new ContainerConfigException($"secret \"{secretRef.Name}\" not found (container \"{container.Name}\" envFrom)");
                }

                entries = SecretValues(secret);
            }
            else
            {
                throw new ContainerConfigException($"container \"{container.Name}\" has an envFrom entry with neither configMapRef nor secretRef");
            }

            foreach (var (key, value) in entries)
            {
                var name = prefix + key;
                if (VariableName().IsMatch(name))
                {
                    environment[name] = value;
                }
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom is null)
            {
                environment[variable.Name] = VariableExpansion.Expand(
                    variable.Value ?? string.Empty,
                    name => environment.TryGetValue(name, out var defined) ? defined : null);
                continue;
            }

            var value = await ValueFromAsync(pod, container, variable, cancellationToken);
            if (value is not null)
            {
                environment[variable.Name] = value;
            }
        }

        return environment;
    }

    private async Task<string?> ValueFromAsync(V1Pod pod, V1Container container, V1EnvVar variable, CancellationToken cancellationToken)
    {
        var ns = pod.Namespace() ?? "default";
        var from = variable.ValueFrom;
        if (from.FieldRef is { } fieldRef)
        {
            return FieldValue(pod, fieldRef.FieldPath)
                ?? throw new ContainerConfigException($"env \"{variable.Name}\" of container \"{container.Name}\": unsupported fieldRef.fieldPath \"{fieldRef.FieldPath}\"");
        }

        if (from.SecretKeyRef is { } secretKeyRef)
        {
            var secret = await objects.GetSecretAsync(ns, secretKeyRef.Name, cancellationToken);
            if (secret is not null && SecretValues(secret).TryGetValue(secretKeyRef.Key, out var secretValue))
            {
                return secretValue;
            }

            return secretKeyRef.Optional == true
                ? null
                : throw new ContainerConfigException(secret is null
                    ? $"secret \"{secretKeyRef.Name}\" not found (env \"{variable.Name}\" of container \"{container.Name}\")"
                    : $"couldn't find key {secretKeyRef.Key} in Secret {ns}/{secretKeyRef.Name} (env \"{variable.Name}\" of container \"{container.Name}\")");
        }

        if (from.ConfigMapKeyRef is { } configMapKeyRef)
        {
            var configMap = await objects.GetConfigMapAsync(ns, configMapKeyRef.Name, cancellationToken);
            if (configMap?.Data is { } data && data.TryGetValue(configMapKeyRef.Key, out var configValue))
            {
                return configValue;
            }

            return configMapKeyRef.Optional == true
                ? null
                : throw new ContainerConfigException(configMap is null
                    ? $"configmap \"{configMapKeyRef.Name}\" not found (env \"{variable.Name}\" of container \"{container.Name}\")"
                    : $"couldn't find key {configMapKeyRef.Key} in ConfigMap {ns}/{configMapKeyRef.Name} (env \"{variable.Name}\" of container \"{container.Name}\")");
        }

        if (from.ResourceFieldRef is { } resourceRef)
        {
            return ResourceValue(pod, container, resourceRef)
                ?? throw new ContainerConfigException($"env \"{variable.Name}\" of container \"{container.Name}\": unsupported resourceFieldRef.resource \"{resourceRef.Resource}\"");
        }

        throw new ContainerConfigException($"env \"{variable.Name}\" of container \"{container.Name}\" has a valueFrom with no supported source");
    }

    private static Dictionary<string, string> SecretValues(V1Secret secret)
    {
        // The API server folds stringData into data; a server that keeps it separate is read the same way.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        foreach (var (key, value) in secret.Data ?? new Dictionary<string, byte[]>())
        {
            values[key] = Encoding.UTF8.GetString(value);
        }

        return values;
    }

    /// <summary>The downward API field paths a pod may reference from env.</summary>
    public static string? FieldValue(V1Pod pod, string fieldPath)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(fieldPath);
        var keyed = KeyedField().Match(fieldPath);
        if (keyed.Success)
        {
            var map = keyed.Groups[1].Value == "labels" ? pod.Labels() : pod.Annotations();
            return map is not null && map.TryGetValue(keyed.Groups[2].Value, out var value) ? value : string.Empty;
        }

        return fieldPath switch
        {
            "metadata.name" => pod.Name(),
            "metadata.namespace" => pod.Namespace() ?? "default",
            "metadata.uid" => pod.Uid() ?? string.Empty,
            "metadata.labels" => Format(pod.Labels()),
            "metadata.annotations" => Format(pod.Annotations()),
            "spec.nodeName" => pod.Spec?.NodeName ?? string.Empty,
            "spec.serviceAccountName" => pod.Spec?.ServiceAccountName ?? "default",
            "status.hostIP" => pod.Status?.HostIP ?? string.Empty,
            "status.hostIPs" => string.Join(',', (pod.Status?.HostIPs ?? []).Select(ip => ip.Ip)),
            "status.podIP" => pod.Status?.PodIP ?? string.Empty,
            "status.podIPs" => string.Join(',', (pod.Status?.PodIPs ?? []).Select(ip => ip.Ip)),
            _ => null,
        };

        static string Format(IDictionary<string, string>? map) =>
            map is null ? string.Empty : string.Join('\n', map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{p.Value}\""));
    }

    internal static string? ResourceValue(V1Pod pod, V1Container container, V1ResourceFieldSelector selector)
    {
        var target = string.IsNullOrEmpty(selector.ContainerName)
            ? container
            : pod.Spec.Containers.FirstOrDefault(c => c.Name == selector.ContainerName)
              ?? throw new ContainerConfigException($"resourceFieldRef names container \"{selector.ContainerName}\", which pod {pod.Namespace()}/{pod.Name()} does not have");
        var parts = selector.Resource.Split('.', 2);
        if (parts.Length != 2 || parts[0] is not ("limits" or "requests") || parts[1] is not ("cpu" or "memory" or "ephemeral-storage"))
        {
            return null;
        }

        var declared = parts[0] == "limits" ? target.Resources?.Limits : target.Resources?.Requests;
        decimal amount;
        if (declared is not null && declared.TryGetValue(parts[1], out var quantity))
        {
            amount = quantity.ToDecimal();
        }
        else if (parts[0] == "requests")
        {
            amount = 0;
        }
        else
        {
            // Without a limit the kubelet reports what the node can give: here, this machine.
            amount = parts[1] switch
            {
                "cpu" => Environment.ProcessorCount,
                "memory" => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
                _ => new DriveInfo(Path.GetTempPath()).AvailableFreeSpace,
            };
        }

        var divisor = selector.Divisor?.ToDecimal() ?? 1m;
        if (divisor <= 0)
        {
            throw new ContainerConfigException($"resourceFieldRef \"{selector.Resource}\" has a divisor that is not positive");
        }

        return decimal.Ceiling(amount / divisor).ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"^metadata\.(labels|annotations)\['([^']+)'\]$")]
    private static partial Regex KeyedField();
}

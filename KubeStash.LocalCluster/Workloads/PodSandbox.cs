using System.Text;
using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// The per-pod place on this machine: a directory holding the working directory, one directory per volume and the
/// service account kubeconfig. emptyDir volumes are empty directories; secret, configMap, downwardAPI and projected
/// volumes are written out as files; hostPath volumes are the host path itself. Projected service account tokens
/// are not written: programs reach the API through KUBECONFIG.
/// </summary>
internal sealed class PodSandbox
{
    private readonly Dictionary<string, string> _volumes;

    private PodSandbox(string root, Dictionary<string, string> volumes, string kubeconfigPath)
    {
        Root = root;
        _volumes = volumes;
        KubeconfigPath = kubeconfigPath;
        WorkingDirectory = Path.Combine(root, "workdir");
    }

    public string Root { get; }

    public string WorkingDirectory { get; }

    public string KubeconfigPath { get; }

    public static string DirectoryFor(string workRoot, V1Pod pod) =>
        Path.Combine(workRoot, $"{pod.Namespace()}_{pod.Name()}_{(pod.Uid() ?? "nouid")[..Math.Min(8, (pod.Uid() ?? "nouid").Length)]}");

    public static async Task<PodSandbox> PrepareAsync(
        V1Pod pod, string workRoot, IWorkloadObjectSource objects, IServiceAccountKubeconfigProvider kubeconfigs, CancellationToken cancellationToken)
    {
        var root = DirectoryFor(workRoot, pod);
        Directory.CreateDirectory(Path.Combine(root, "workdir"));
        var volumes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            volumes[volume.Name] = await MaterialiseAsync(pod, volume, Path.Combine(root, "volumes", volume.Name), objects, cancellationToken);
        }

        var kubeconfig = Path.Combine(root, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, kubeconfigs.CreateKubeconfig(pod.Namespace() ?? "default", pod.Spec.ServiceAccountName ?? "default"), cancellationToken);
        return new PodSandbox(root, volumes, kubeconfig);
    }

    /// <summary>Container mount path → local directory or file, for one container's volumeMounts.</summary>
    public Dictionary<string, string> MountsFor(V1Pod pod, V1Container container)
    {
        var mounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mount in container.VolumeMounts ?? [])
        {
            if (!_volumes.TryGetValue(mount.Name, out var local))
            {
                throw new ContainerConfigException($"container \"{container.Name}\" of pod {pod.Namespace()}/{pod.Name()} mounts volume \"{mount.Name}\", which the pod does not declare");
            }

            if (!string.IsNullOrEmpty(mount.SubPath))
            {
                local = Path.Combine(local, mount.SubPath);
                if (!File.Exists(local))
                {
                    Directory.CreateDirectory(local);
                }
            }

            mounts[mount.MountPath] = local;
        }

        return mounts;
    }

    public void Delete()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static async Task<string> MaterialiseAsync(V1Pod pod, V1Volume volume, string directory, IWorkloadObjectSource objects, CancellationToken cancellationToken)
    {
        var ns = pod.Namespace() ?? "default";
        if (volume.HostPath is { } hostPath)
        {
            return hostPath.Path;
        }

        Directory.CreateDirectory(directory);
        if (volume.EmptyDir is not null)
        {
            return directory;
        }

        if (volume.Secret is { } secretSource)
        {
            var secret = await objects.GetSecretAsync(ns, secretSource.SecretName, cancellationToken);
            if (secret is null && secretSource.Optional != true)
            {
                throw new ContainerConfigException($"volume \"{volume.Name}\" of pod {ns}/{pod.Name()}: secret \"{secretSource.SecretName}\" not found");
            }

            await WriteItemsAsync(directory, SecretBytes(secret), secretSource.Items, volume.Name, cancellationToken);
            return directory;
        }

        if (volume.ConfigMap is { } configMapSource)
        {
            var configMap = await objects.GetConfigMapAsync(ns, configMapSource.Name, cancellationToken);
            if (configMap is null && configMapSource.Optional != true)
            {
                throw new ContainerConfigException($"volume \"{volume.Name}\" of pod {ns}/{pod.Name()}: configmap \"{configMapSource.Name}\" not found");
            }

            await WriteItemsAsync(directory, ConfigMapBytes(configMap), configMapSource.Items, volume.Name, cancellationToken);
            return directory;
        }

        if (volume.DownwardAPI is { } downward)
        {
            await WriteDownwardAsync(directory, pod, downward.Items, volume.Name, cancellationToken);
            return directory;
        }

        if (volume.Projected is { } projected)
        {
            foreach (var source in projected.Sources ?? [])
            {
                if (source.Secret is { } s)
                {
                    var secret = await objects.GetSecretAsync(ns, s.Name, cancellationToken);
                    if (secret is null && s.Optional != true)
                    {
                        throw new ContainerConfigException($"volume \"{volume.Name}\" of pod {ns}/{pod.Name()}: secret \"{s.Name}\" not found");
                    }

                    await WriteItemsAsync(directory, SecretBytes(secret), s.Items, volume.Name, cancellationToken);
                }
                else if (source.ConfigMap is { } c)
                {
                    var configMap = await objects.GetConfigMapAsync(ns, c.Name, cancellationToken);
                    if (configMap is null && c.Optional != true)
                    {
                        throw new ContainerConfigException($"volume \"{volume.Name}\" of pod {ns}/{pod.Name()}: configmap \"{c.Name}\" not found");
                    }

                    await WriteItemsAsync(directory, ConfigMapBytes(configMap), c.Items, volume.Name, cancellationToken);
                }
                else if (source.DownwardAPI is { } d)
                {
                    await WriteDownwardAsync(directory, pod, d.Items, volume.Name, cancellationToken);
                }
            }

            return directory;
        }

        throw new ContainerConfigException(
            $"volume \"{volume.Name}\" of pod {ns}/{pod.Name()}: the local kubelet supports emptyDir, hostPath, secret, configMap, downwardAPI and projected volumes only");
    }

    private static Dictionary<string, byte[]> SecretBytes(V1Secret? secret)
    {
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in secret?.StringData ?? new Dictionary<string, string>())
        {
            values[key] = Encoding.UTF8.GetBytes(value);
        }

        foreach (var (key, value) in secret?.Data ?? new Dictionary<string, byte[]>())
        {
            values[key] = value;
        }

        return values;
    }

    private static Dictionary<string, byte[]> ConfigMapBytes(V1ConfigMap? configMap)
    {
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in configMap?.Data ?? new Dictionary<string, string>())
        {
            values[key] = Encoding.UTF8.GetBytes(value);
        }

        foreach (var (key, value) in configMap?.BinaryData ?? new Dictionary<string, byte[]>())
        {
            values[key] = value;
        }

        return values;
    }

    private static async Task WriteItemsAsync(string directory, Dictionary<string, byte[]> values, IList<V1KeyToPath>? items, string volumeName, CancellationToken cancellationToken)
    {
        var selected = items is { Count: > 0 }
            ? items.Select(i => (i.Key, i.Path))
            : values.Keys.Select(k => (Key: k, Path: k));
        foreach (var (key, path) in selected)
        {
            if (!values.TryGetValue(key, out var bytes))
            {
                throw new ContainerConfigException($"volume \"{volumeName}\": key \"{key}\" not found");
            }

            await WriteFileAsync(directory, path, bytes, volumeName, cancellationToken);
        }
    }

    private static async Task WriteDownwardAsync(string directory, V1Pod pod, IList<V1DownwardAPIVolumeFile>? items, string volumeName, CancellationToken cancellationToken)
    {
        foreach (var item in items ?? [])
        {
            var value = item.FieldRef is { } fieldRef
                ? ContainerEnvironmentResolver.FieldValue(pod, fieldRef.FieldPath)
                : item.ResourceFieldRef is { } resourceRef
                    ? ContainerEnvironmentResolver.ResourceValue(pod, pod.Spec.Containers[0], resourceRef)
                    : null;
            if (value is null)
            {
                throw new ContainerConfigException($"volume \"{volumeName}\": downwardAPI item \"{item.Path}\" has no supported fieldRef or resourceFieldRef");
            }

            await WriteFileAsync(directory, item.Path, Encoding.UTF8.GetBytes(value), volumeName, cancellationToken);
        }
    }

    private static async Task WriteFileAsync(string directory, string relativePath, byte[] bytes, string volumeName, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(Path.Combine(directory, relativePath));
        if (!full.StartsWith(Path.GetFullPath(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ContainerConfigException($"volume \"{volumeName}\": item path \"{relativePath}\" leaves the volume");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, bytes, cancellationToken);
    }
}

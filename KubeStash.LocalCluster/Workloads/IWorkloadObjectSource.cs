using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>Where the kubelet reads the Secrets and ConfigMaps a pod refers to; null when the object does not exist.</summary>
public interface IWorkloadObjectSource
{
    Task<V1Secret?> GetSecretAsync(string @namespace, string name, CancellationToken cancellationToken);

    Task<V1ConfigMap?> GetConfigMapAsync(string @namespace, string name, CancellationToken cancellationToken);
}

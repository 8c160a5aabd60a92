using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>Reads Secrets and ConfigMaps through the API, as a kubelet does.</summary>
public sealed class KubernetesWorkloadObjectSource(IKubernetes client) : IWorkloadObjectSource
{
    public async Task<V1Secret?> GetSecretAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, @namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<V1ConfigMap?> GetConfigMapAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(name, @namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}

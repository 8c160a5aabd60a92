namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// Writes the kubeconfig a pod's program uses to reach the API server as the pod's service account — the local
/// stand-in for the token and CA a real kubelet mounts at /var/run/secrets/kubernetes.io/serviceaccount.
/// </summary>
public interface IServiceAccountKubeconfigProvider
{
    /// <returns>kubeconfig YAML whose current context's namespace is <paramref name="namespace"/>.</returns>
    string CreateKubeconfig(string @namespace, string serviceAccountName);
}

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// A container cannot be configured yet (a referenced Secret, ConfigMap or key is missing, a field path is unknown);
/// the kubelet reports it as CreateContainerConfigError and tries again later, as kube's kubelet does.
/// </summary>
public sealed class ContainerConfigException : Exception
{
    public ContainerConfigException()
    {
    }

    public ContainerConfigException(string message)
        : base(message)
    {
    }

    public ContainerConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

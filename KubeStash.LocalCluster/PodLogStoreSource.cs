using KubeStash.LocalCluster.Workloads;

namespace KubeStash.LocalCluster;

/// <summary>Serves pods/log from the local kubelet's log store.</summary>
internal sealed class PodLogStoreSource(IPodLogStore store) : IPodLogSource
{
    public string? Read(string @namespace, string pod, string container) => store.Read(@namespace, pod, container);
}

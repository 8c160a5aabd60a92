namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// Where the local kubelet keeps what containers print (stdout and stderr interleaved, as <c>kubectl logs</c>
/// shows them), so that the API server can serve <c>pods/log</c> and tests can read it.
/// </summary>
public interface IPodLogStore
{
    void Append(string @namespace, string pod, string container, string text);

    /// <summary>The retained tail of a container's output, or null when the container never ran here.</summary>
    string? Read(string @namespace, string pod, string container);

    void RemovePod(string @namespace, string pod);
}

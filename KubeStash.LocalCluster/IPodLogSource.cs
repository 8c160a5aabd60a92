namespace KubeStash.LocalCluster;

/// <summary>Where the server reads what containers printed, to answer <c>pods/{name}/log</c> (kubectl logs).</summary>
public interface IPodLogSource
{
    /// <summary>The container's retained output, or null when it has not run (yet).</summary>
    string? Read(string @namespace, string pod, string container);
}

namespace KubeStash.LocalCluster.Workloads;

/// <summary>What a controller's loop needs of an informer: to run it, and to know when its first list is in.</summary>
internal interface IInformer
{
    Task Synced { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

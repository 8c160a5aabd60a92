namespace KubeStash.Operator.Runtime.Hosting;

/// <summary>A part of the operator that runs only while this instance leads (watches, reconcile workers).</summary>
public interface IOperatorComponent
{
    /// <summary>Start order: lower first; stopping goes the other way.</summary>
    int StartOrder { get; }

    /// <summary>False while the component is still loading what it needs (e.g. the first list of a watch).</summary>
    bool IsReady { get; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops; <paramref name="cancellationToken"/> marks the shutdown deadline after which work is abandoned.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}

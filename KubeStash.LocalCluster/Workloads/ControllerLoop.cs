namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// The running part of a controller that reconciles keys from informers: starts the work queue, then the informers in
/// the order given, each after the previous one's cache is complete (owned kinds before their owners, so a reconcile
/// never sees an owner without its children); stops them together and flushes the controller's events.
/// </summary>
internal sealed class ControllerLoop(string name, KeyedWorkQueue queue, EventRecorder events, ILogger logger, params IInformer[] informers)
    : IAsyncDisposable
{
    private CancellationTokenSource? _stopping;
    private Task? _running;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not null)
        {
            throw new InvalidOperationException($"the {name} is already started");
        }

        _stopping = new CancellationTokenSource();
        // The worker starts first so that delayed requeues made while syncing stop with it.
        var running = new List<Task> { queue.RunAsync(_stopping.Token) };
        foreach (var informer in informers)
        {
            running.Add(informer.RunAsync(_stopping.Token));
            await informer.Synced.WaitAsync(cancellationToken);
        }

        _running = Task.WhenAll(running);
        logger.LogInformation("{Controller} started", name);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await (_running ?? Task.CompletedTask).WaitAsync(cancellationToken);
        await events.FlushAsync(TimeSpan.FromSeconds(2));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping?.Dispose();
    }
}

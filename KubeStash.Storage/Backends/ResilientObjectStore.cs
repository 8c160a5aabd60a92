using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace KubeStash.Storage.Backends;

/// <summary>
/// Wraps a backend so that every request is bounded by a timeout and transient failures are retried with
/// exponential backoff and jitter. Permanent failures pass through at once. Each put carries a whole buffer,
/// so a retry re-sends that buffer; it never re-reads a consumed stream.
/// </summary>
internal sealed class ResilientObjectStore : IObjectStore
{
    private readonly IObjectStore inner;
    private readonly ResiliencePipeline pipeline;
    private readonly StorageResilienceOptions options;

    public ResilientObjectStore(IObjectStore inner, StorageResilienceOptions options, ILogger logger)
    {
        this.inner = inner;
        this.options = options;
        pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<StorageException>(e => e.IsTransient)
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Storage {Backend}: attempt {Attempt} failed ({Reason}); retrying in {Delay}",
                        inner.Description,
                        args.AttemptNumber + 1,
                        args.Outcome.Exception?.Message,
                        args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    public string Description => inner.Description;

    public Task EnsureReadyAsync(CancellationToken cancellationToken) =>
        RunAsync(token => new ValueTask(inner.EnsureReadyAsync(token)), cancellationToken);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        RunAsync(token => new ValueTask(inner.PutAsync(key, content, token)), cancellationToken);

    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        RunAsync(token => new ValueTask<bool>(inner.PutIfAbsentAsync(key, content, token)), cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(token => new ValueTask<Stream>(inner.OpenReadAsync(key, token)), cancellationToken);

    public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(token => new ValueTask<byte[]>(inner.GetAsync(key, token)), cancellationToken);

    public Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(token => new ValueTask<ObjectInfo?>(inner.StatAsync(key, token)), cancellationToken);

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A listing that fails part-way resumes after the last key already returned (keys come in order).
        string? last = null;
        var failures = 0;
        while (true)
        {
            var page = new List<ObjectInfo>(1000);
            var done = false;
            Exception? failure = null;
            await using (var enumerator = inner.ListAsync(prefix, cancellationToken).GetAsyncEnumerator(cancellationToken))
            {
                try
                {
                    while (true)
                    {
                        if (!await enumerator.MoveNextAsync())
                        {
                            done = true;
                            break;
                        }

                        var item = enumerator.Current;
                        if (last is not null && string.CompareOrdinal(item.Key, last) <= 0)
                        {
                            continue;
                        }

                        page.Add(item);
                        if (page.Count == page.Capacity)
                        {
                            break;
                        }
                    }
                }
                catch (StorageException e) when (e.IsTransient && failures < options.MaxRetryAttempts)
                {
                    failure = e;
                }
            }

            foreach (var item in page)
            {
                last = item.Key;
                yield return item;
            }

            if (failure is not null)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, failures)) * (0.5 + (Random.Shared.NextDouble() / 2)));
                await Task.Delay(delay, cancellationToken);
                continue;
            }

            if (done)
            {
                yield break;
            }
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(token => new ValueTask(inner.DeleteAsync(key, token)), cancellationToken);

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var count = 0;
        var keys = new List<string>();
        await foreach (var item in ListAsync(prefix, cancellationToken))
        {
            keys.Add(item.Key);
        }

        foreach (var key in keys)
        {
            await DeleteAsync(key, cancellationToken);
            count++;
        }

        return count;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async Task RunAsync(Func<CancellationToken, ValueTask> action, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.ExecuteAsync(action, cancellationToken);
        }
        catch (Exception e) when (GaveUp(e, cancellationToken) is { } error)
        {
            throw error;
        }
    }

    private async Task<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(action, cancellationToken);
        }
        catch (Exception e) when (GaveUp(e, cancellationToken) is { } error)
        {
            throw error;
        }
    }

    private StorageException? GaveUp(Exception e, CancellationToken cancellationToken) => e switch
    {
        TimeoutRejectedException when !cancellationToken.IsCancellationRequested => new StorageException(
            StorageErrorKind.Transient,
            Description,
            $"gave up after {options.MaxRetryAttempts + 1} attempts: each took longer than {options.AttemptTimeout.TotalSeconds:0.#} s",
            e),
        StorageException { IsTransient: true } transient => new StorageException(
            StorageErrorKind.Transient,
            Description,
            $"gave up after {options.MaxRetryAttempts + 1} attempts; last error: {transient.Message[(Description.Length + 2)..]}",
            transient),
        _ => null,
    };
}

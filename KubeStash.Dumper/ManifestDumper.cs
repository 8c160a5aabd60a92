using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading.Channels;
using KubeStash.Dumper.Collection;
using KubeStash.Dumper.Discovery;
using KubeStash.Dumper.Filtering;
using KubeStash.Dumper.Output;
using KubeStash.Dumper.Targets;
using Microsoft.Extensions.Logging;

namespace KubeStash.Dumper;

/// <summary>
/// Collects manifests: discovers the served types, lists each (type, namespace) collection page by page with a few
/// collections in flight (each fetching its next page while it encodes the current one), turns every object into
/// YAML straight from the page's JSON and hands the manifests in small batches to one writer task through a
/// bounded queue — memory holds a few pages and a few batches, never the cluster.
/// </summary>
public sealed class ManifestDumper(KubernetesApi api, ILogger<ManifestDumper> logger)
{
    /// <summary>Batches waiting for the writer.</summary>
    private const int QueueCapacity = 2;

    /// <summary>
    /// A batch is handed over once its YAML reaches this size, mid-page too: batches stay below the large object heap
    /// (see <see cref="ManifestBatch"/>), whose garbage waits for a full collection (bench-dumper: 256 KiB batches and a
    /// queue of 4 cost ~10 MiB of peak RSS at 100k objects).
    /// </summary>
    private const int BatchBytes = 64 << 10;

    private readonly HeapCeiling heap = new();

    public async Task<DumpSummary> DumpAsync(DumpRequest request, IManifestSink sink, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var types = await new ApiDiscovery(api).DiscoverAsync(cancellationToken);
        logger.LogInformation("Discovered {Count} resource types to consider", types.Count);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long objects = 0;
        long bytes = 0;
        var queue = Channel.CreateBounded<ManifestBatch>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
        var spare = new ConcurrentQueue<ManifestBatch>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var batch in queue.Reader.ReadAllAsync(stop.Token))
                    {
                        foreach (var (path, content) in batch.Entries())
                        {
                            await sink.WriteAsync(path, content, stop.Token);
                        }

                        objects += batch.Count;
                        bytes += batch.Bytes;
                        counts[batch.QualifiedName] = counts.GetValueOrDefault(batch.QualifiedName) + batch.Count;
                        if (batch.Bytes <= 4 * BatchBytes)
                        {
                            spare.Enqueue(batch);
                        }
                    }
                }
                catch
                {
                    await stop.CancelAsync();
                    throw;
                }
            },
            CancellationToken.None);

        var output = new BatchOutput(
            type =>
            {
                var batch = spare.TryDequeue(out var reused) ? reused : new ManifestBatch();
                batch.Reset(type);
                return batch;
            },
            async (batch, ct) =>
            {
                if (batch.Count > 0)
                {
                    await queue.Writer.WriteAsync(batch, ct);
                }
                else
                {
                    spare.Enqueue(batch);
                }
            },
            BatchBytes,
            request.Sanitize);

        try
        {
            var producer = request.Target switch
            {
                null => DumpCollectionsAsync(ClusterCollections(types, request.Filter), request, Accept(request.Filter), output, stop.Token),
                { IsNamespace: true } target => DumpNamespaceAsync(types, target, request, output, stop.Token),
                { } target => DumpWorkloadAsync(types, target, request, output, stop.Token),
            };
            await producer;
            queue.Writer.Complete();
        }
        catch (Exception e)
        {
            queue.Writer.TryComplete(e);
            await stop.CancelAsync();
            Exception? sinkError = null;
            try
            {
                await writer;
            }
            catch (Exception writerError) when (writerError is not OperationCanceledException)
            {
                sinkError = writerError;
            }
            catch (OperationCanceledException)
            {
                // The writer stopped because the producer failed: the producer's error is the one to report.
            }

            if (sinkError is not null && e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The sink failed first and cancelled the producers: its error is the cause.
                ExceptionDispatchInfo.Throw(sinkError);
            }

            throw;
        }

        await writer;
        logger.LogInformation(
            "Dumped {Objects} objects ({Bytes} bytes) to {Sink} in {Elapsed}; {Collections} full collections kept the heap under its ceiling",
            objects, bytes, sink.Description, clock.Elapsed, heap.Collections);
        return new DumpSummary(objects, bytes, counts, clock.Elapsed);
    }

    private static Func<ApiResourceType, JsonElement, bool> Accept(DumpFilter filter) => (type, item) =>
    {
        var metadata = item.GetProperty("metadata");
        if (type.Namespaced)
        {
            if (!metadata.TryGetProperty("namespace", out var ns) || !filter.IncludesNamespace(ns.GetString()!))
            {
                return false;
            }
        }
        else if (DumpFilter.IsNamespaceType(type) && !filter.IncludesNamespaceObject(metadata.GetProperty("name").GetString()!))
        {
            return false;
        }

        return filter.MatchesLabels(Labels(metadata));
    };

    private static IEnumerable<(ApiResourceType Type, string? Namespace)> ClusterCollections(IReadOnlyList<ApiResourceType> types, DumpFilter filter)
    {
        foreach (var type in types.Where(t => filter.IncludesType(t) && filter.IncludesScope(t)))
        {
            if (type.Namespaced && !filter.AllNamespaces)
            {
                foreach (var ns in filter.IncludeNamespaces.Where(filter.IncludesNamespace).Distinct(StringComparer.Ordinal))
                {
                    yield return (type, ns);
                }
            }
            else
            {
                yield return (type, null);
            }
        }
    }

    private Task DumpNamespaceAsync(
        IReadOnlyList<ApiResourceType> types, DumpTarget target, DumpRequest request, BatchOutput output, CancellationToken cancellationToken)
    {
        var filter = request.Filter with { IncludeNamespaces = [target.Name], ExcludeNamespaces = [], IncludeClusterResources = false };
        var collections = types
            .Where(t => filter.IncludesType(t) && (t.Namespaced || DumpFilter.IsNamespaceType(t)))
            .Select(t => (t, t.Namespaced ? target.Name : null));
        return DumpCollectionsAsync(collections, request, Accept(filter), output, cancellationToken);
    }

    private async Task DumpWorkloadAsync(
        IReadOnlyList<ApiResourceType> types, DumpTarget target, DumpRequest request, BatchOutput output, CancellationToken cancellationToken)
    {
        var group = target.ApiGroup ?? string.Empty;
        var rootType = types.FirstOrDefault(t => t.Kind == target.Kind && t.Group == group)
            ?? throw new InvalidOperationException($"target {target}: the server serves no creatable kind {target.Kind} in API group \"{group}\"");
        using var root = await api.GetAsync(rootType.ObjectPath(target.Namespace, target.Name), cancellationToken)
            ?? throw new InvalidOperationException($"target {target} does not exist");
        if (!request.IncludeDependants)
        {
            var batch = output.Rent(rootType);
            batch.Add(rootType, root.RootElement, output.Sanitize);
            await output.SendAsync(batch, cancellationToken);
            return;
        }

        var references = WorkloadReferences.Read(root.RootElement);
        var rootUid = root.RootElement.GetProperty("metadata").GetProperty("uid").GetString()!;

        // First pass: only uids and owner uids, to close the owner-reference tree below the target.
        var candidates = types.Where(t => t.Namespaced && (request.Filter.IncludesType(t) || t == rootType)).ToList();
        var owners = new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal);
        await DumpCollectionsAsync(
            candidates.Select(t => (t, (string?)target.Namespace)),
            request,
            (_, item) =>
            {
                var metadata = item.GetProperty("metadata");
                owners[metadata.GetProperty("uid").GetString()!] = metadata.TryGetProperty("ownerReferences", out var refs)
                    ? [.. refs.EnumerateArray().Select(r => r.GetProperty("uid").GetString()!)]
                    : [];
                return false;
            },
            output,
            cancellationToken);
        var tree = new HashSet<string>(StringComparer.Ordinal) { rootUid };
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var (uid, ownerUids) in owners)
            {
                if (!tree.Contains(uid) && ownerUids.Any(tree.Contains))
                {
                    tree.Add(uid);
                    grown = true;
                }
            }
        }

        bool Needed(ApiResourceType type, JsonElement item)
        {
            var metadata = item.GetProperty("metadata");
            if (tree.Contains(metadata.GetProperty("uid").GetString()!))
            {
                return true;
            }

            var name = metadata.GetProperty("name").GetString()!;
            return type.Group.Length == 0 && type.Resource switch
            {
                "configmaps" => references.ConfigMaps.Contains(name),
                "secrets" => references.Secrets.Contains(name),
                "serviceaccounts" => references.ServiceAccounts.Contains(name),
                "persistentvolumeclaims" => references.PersistentVolumeClaims.Contains(name) || references.PersistentVolumeClaimPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)),
                "services" => references.IsSelectedBy(item),
                _ => false,
            };
        }

        await DumpCollectionsAsync(candidates.Select(t => (t, (string?)target.Namespace)), request, Needed, output, cancellationToken);
    }

    private async Task DumpCollectionsAsync(
        IEnumerable<(ApiResourceType Type, string? Namespace)> collections,
        DumpRequest request,
        Func<ApiResourceType, JsonElement, bool> accept,
        BatchOutput output,
        CancellationToken cancellationToken)
    {
        var selector = request.Target is null || request.Target.IsNamespace ? request.Filter.ServerLabelSelector : null;
        await Parallel.ForEachAsync(
            collections,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Parallelism), CancellationToken = cancellationToken },
            async (collection, ct) =>
            {
                string Query(string? continueToken)
                {
                    var query = $"{collection.Type.CollectionPath(collection.Namespace)}?limit={request.PageSize}";
                    if (continueToken is not null)
                    {
                        query += "&continue=" + Uri.EscapeDataString(continueToken);
                    }

                    return selector is null ? query : query + "&labelSelector=" + Uri.EscapeDataString(selector);
                }

                // The next page is requested before the current one is encoded, so the server and the network work meanwhile.
                Task<JsonDocument?>? next = GetPageAsync(Query(null), ct);
                try
                {
                    while (next is not null)
                    {
                        using var page = await next;
                        next = null;
                        if (page is null)
                        {
                            // The type went away (a CRD deleted meanwhile) or the namespace does not exist.
                            return;
                        }

                        if (page.RootElement.TryGetProperty("metadata"u8, out var meta) && meta.TryGetProperty("continue"u8, out var c) && c.GetString() is { Length: > 0 } token)
                        {
                            next = GetPageAsync(Query(token), ct);
                        }

                        var batch = output.Rent(collection.Type);
                        foreach (var item in page.RootElement.GetProperty("items"u8).EnumerateArray())
                        {
                            if (accept(collection.Type, item))
                            {
                                batch.Add(collection.Type, item, output.Sanitize);
                                if (batch.Bytes >= output.BatchBytes)
                                {
                                    await output.SendAsync(batch, ct);
                                    batch = output.Rent(collection.Type);
                                }
                            }
                        }

                        await output.SendAsync(batch, ct);
                        heap.Check();
                    }
                }
                finally
                {
                    // A failure left a request in flight: release its page whenever it arrives, and observe its error.
                    _ = next?.ContinueWith(
                        pending =>
                        {
                            if (pending.IsCompletedSuccessfully)
                            {
                                pending.Result?.Dispose();
                            }
                            else
                            {
                                _ = pending.Exception;
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }
            });
    }

    private async Task<JsonDocument?> GetPageAsync(string query, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await api.GetAsync(query, cancellationToken);
            }
            catch (Exception e) when (attempt < 5 && e is HttpRequestException or KubernetesApiException { IsTransient: true })
            {
                logger.LogWarning("GET {Query} failed ({Error}); retry {Attempt}", query, e.Message, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << attempt)), cancellationToken);
            }
        }
    }

    private static Dictionary<string, string> Labels(JsonElement metadata)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata.TryGetProperty("labels", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in map.EnumerateObject())
            {
                labels[label.Name] = label.Value.GetString() ?? string.Empty;
            }
        }

        return labels;
    }
}

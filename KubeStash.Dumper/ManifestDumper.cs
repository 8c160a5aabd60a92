using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KubeStash.Dumper.Collection;
using KubeStash.Dumper.Discovery;
using KubeStash.Dumper.Filtering;
using KubeStash.Dumper.Output;
using KubeStash.Dumper.Sanitizing;
using KubeStash.Dumper.Targets;
using Microsoft.Extensions.Logging;

namespace KubeStash.Dumper;

/// <summary>
/// Collects manifests: discovers the served types, lists each (type, namespace) collection page by page with a few
/// collections in flight, turns every object into YAML as soon as its page arrives and hands it to one writer task
/// through a bounded queue — memory holds a few pages, never the cluster.
/// </summary>
public sealed class ManifestDumper(KubernetesApi api, ILogger<ManifestDumper> logger)
{
    private const int QueueCapacity = 256;

    public async Task<DumpSummary> DumpAsync(DumpRequest request, IManifestSink sink, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var types = await new ApiDiscovery(api).DiscoverAsync(cancellationToken);
        logger.LogInformation("Discovered {Count} resource types to consider", types.Count);
        var counts = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        long objects = 0;
        long bytes = 0;
        var queue = Channel.CreateBounded<(string Path, byte[] Content)>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var (path, content) in queue.Reader.ReadAllAsync(stop.Token))
                    {
                        await sink.WriteAsync(path, content, stop.Token);
                        objects++;
                        bytes += content.Length;
                    }
                }
                catch
                {
                    await stop.CancelAsync();
                    throw;
                }
            },
            CancellationToken.None);

        async Task Emit(ApiResourceType type, JsonObject obj, CancellationToken ct)
        {
            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            var metadata = obj["metadata"] as JsonObject;
            var name = metadata?["name"]?.GetValue<string>() ?? throw new InvalidDataException($"a {type.QualifiedName} object without metadata.name");
            var ns = metadata["namespace"]?.GetValue<string>();
            if (request.Sanitize)
            {
                ManifestSanitizer.Sanitize(obj, type.Group, type.Kind);
            }

            counts.AddOrUpdate(type.QualifiedName, 1, (_, n) => n + 1);
            await queue.Writer.WriteAsync((ManifestPaths.For(type, ns, name), ManifestYaml.ToYaml(obj)), ct);
        }

        try
        {
            var producer = request.Target switch
            {
                null => DumpCollectionsAsync(ClusterCollections(types, request.Filter), request, Accept(request.Filter), Emit, stop.Token),
                { IsNamespace: true } target => DumpNamespaceAsync(types, target, request, Emit, stop.Token),
                { } target => DumpWorkloadAsync(types, target, request, Emit, stop.Token),
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
        logger.LogInformation("Dumped {Objects} objects ({Bytes} bytes) to {Sink} in {Elapsed}", objects, bytes, sink.Description, clock.Elapsed);
        return new DumpSummary(objects, bytes, counts.ToDictionary(StringComparer.Ordinal), clock.Elapsed);
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
        IReadOnlyList<ApiResourceType> types, DumpTarget target, DumpRequest request, Func<ApiResourceType, JsonObject, CancellationToken, Task> emit, CancellationToken cancellationToken)
    {
        var filter = request.Filter with { IncludeNamespaces = [target.Name], ExcludeNamespaces = [], IncludeClusterResources = false };
        var collections = types
            .Where(t => filter.IncludesType(t) && (t.Namespaced || DumpFilter.IsNamespaceType(t)))
            .Select(t => (t, t.Namespaced ? target.Name : null));
        return DumpCollectionsAsync(collections, request, Accept(filter), emit, cancellationToken);
    }

    private async Task DumpWorkloadAsync(
        IReadOnlyList<ApiResourceType> types, DumpTarget target, DumpRequest request, Func<ApiResourceType, JsonObject, CancellationToken, Task> emit, CancellationToken cancellationToken)
    {
        var group = target.ApiGroup ?? string.Empty;
        var rootType = types.FirstOrDefault(t => t.Kind == target.Kind && t.Group == group)
            ?? throw new InvalidOperationException($"target {target}: the server serves no creatable kind {target.Kind} in API group \"{group}\"");
        using var root = await api.GetAsync(rootType.ObjectPath(target.Namespace, target.Name), cancellationToken)
            ?? throw new InvalidOperationException($"target {target} does not exist");
        if (!request.IncludeDependants)
        {
            await emit(rootType, JsonObject.Create(root.RootElement)!, cancellationToken);
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
            emit,
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

        await DumpCollectionsAsync(candidates.Select(t => (t, (string?)target.Namespace)), request, Needed, emit, cancellationToken);
    }

    private async Task DumpCollectionsAsync(
        IEnumerable<(ApiResourceType Type, string? Namespace)> collections,
        DumpRequest request,
        Func<ApiResourceType, JsonElement, bool> accept,
        Func<ApiResourceType, JsonObject, CancellationToken, Task> emit,
        CancellationToken cancellationToken)
    {
        var selector = request.Target is null || request.Target.IsNamespace ? request.Filter.ServerLabelSelector : null;
        await Parallel.ForEachAsync(
            collections,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Parallelism), CancellationToken = cancellationToken },
            async (collection, ct) =>
            {
                string? continueToken = null;
                do
                {
                    var query = $"{collection.Type.CollectionPath(collection.Namespace)}?limit={request.PageSize}";
                    if (continueToken is not null)
                    {
                        query += "&continue=" + Uri.EscapeDataString(continueToken);
                    }

                    if (selector is not null)
                    {
                        query += "&labelSelector=" + Uri.EscapeDataString(selector);
                    }

                    using var page = await GetPageAsync(query, ct);
                    if (page is null)
                    {
                        // The type went away (a CRD deleted meanwhile) or the namespace does not exist.
                        return;
                    }

                    foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
                    {
                        if (accept(collection.Type, item))
                        {
                            await emit(collection.Type, JsonObject.Create(item)!, ct);
                        }
                    }

                    continueToken = page.RootElement.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("continue", out var c) && c.GetString() is { Length: > 0 } next
                        ? next
                        : null;
                }
                while (continueToken is not null);
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

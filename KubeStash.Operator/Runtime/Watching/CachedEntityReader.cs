using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Hosting;

namespace KubeStash.Operator.Runtime.Watching;

/// <summary>
/// Reads for controllers: from the watch cache when the operator watches the type without a label selector, the cache has
/// synced and covers the namespace asked for; otherwise from the API server. Every object returned is a private copy, so
/// callers may change it and write it back (the write still goes to the API server, with the copy's resourceVersion for
/// optimistic concurrency). A cached read can lag the API server by a watch event: callers create with fixed names and
/// take AlreadyExists as "already done", and a conflicting update is retried on the fresher state.
/// </summary>
public sealed class CachedEntityReader(IServiceProvider services, IEntityClient client, OperatorOptions options)
{
    /// <summary>Reads one object; null when it does not exist (as far as the cache knows, when cached).</summary>
    public async Task<TEntity?> GetAsync<TEntity>(string name, string? @namespace, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        if (CacheFor<TEntity>(@namespace) is { } cache)
        {
            return cache.Get(name, @namespace) is { } cached ? Copy(cached) : null;
        }

        return await client.GetAsync<TEntity>(name, @namespace, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="GetAsync{TEntity}"/>, but a cached object comes as the cache holds it, shared with every other reader:
    /// for reading only, never to be changed. Meant for large objects read often (copying them would cost more than the read).
    /// </summary>
    public async Task<TEntity?> GetSharedAsync<TEntity>(string name, string? @namespace, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        if (CacheFor<TEntity>(@namespace) is { } cache)
        {
            return cache.Get(name, @namespace);
        }

        return await client.GetAsync<TEntity>(name, @namespace, cancellationToken);
    }

    /// <summary>
    /// Lists the objects of one namespace (all namespaces when null) carrying every label in <paramref name="matchLabels"/>,
    /// ordered by namespace and name.
    /// </summary>
    public async Task<IReadOnlyList<TEntity>> ListAsync<TEntity>(
        string? @namespace, IReadOnlyDictionary<string, string>? matchLabels, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        IEnumerable<TEntity> items;
        if (CacheFor<TEntity>(@namespace) is { } cache)
        {
            items = cache.List(@namespace).Where(e => Matches(e, matchLabels)).Select(Copy);
        }
        else
        {
            var selector = matchLabels is null || matchLabels.Count == 0 ? null : string.Join(',', matchLabels.Select(l => $"{l.Key}={l.Value}"));
            items = (await client.ListAsync<TEntity>(@namespace, selector, cancellationToken)).Items;
        }

        return [.. items.OrderBy(e => e.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(e => e.Metadata.Name, StringComparer.Ordinal)];
    }

    private EntityCache<TEntity>? CacheFor<TEntity>(string? @namespace)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        if (services.GetService<EntityCache<TEntity>>() is not { HasSynced: true } cache
            || services.GetService<EntityWatchScope<TEntity>>() is not { LabelSelector: null } scope)
        {
            return null;
        }

        // A namespace-bound operator caches only its own namespace (and cluster-scoped types whole).
        return scope.ClusterScoped || options.Namespace is null || options.Namespace == @namespace ? cache : null;
    }

    private static bool Matches(IKubernetesObject<V1ObjectMeta> entity, IReadOnlyDictionary<string, string>? matchLabels)
        => matchLabels is null || matchLabels.All(l => entity.Metadata.Labels?.TryGetValue(l.Key, out var value) == true && value == l.Value);

    private static TEntity Copy<TEntity>(TEntity entity) => KubernetesJson.Deserialize<TEntity>(KubernetesJson.Serialize(entity));
}

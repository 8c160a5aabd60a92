using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Client;

/// <summary>
/// Reads and writes any entity type (custom or built-in) by the group/version/plural on its
/// <c>[KubernetesEntity]</c> attribute. Errors surface as <see cref="KubernetesApiException"/>.
/// </summary>
public interface IEntityClient
{
    /// <summary>Reads one object; null when it does not exist.</summary>
    Task<TEntity?> GetAsync<TEntity>(string name, string? @namespace, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Lists objects, across all namespaces when <paramref name="namespace"/> is null.</summary>
    Task<EntityList<TEntity>> ListAsync<TEntity>(string? @namespace, string? labelSelector, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// Watches from <paramref name="resourceVersion"/> with bookmarks. The sequence ends when the server closes the stream;
    /// an ERROR event is thrown as <see cref="KubernetesApiException"/> (410 Gone means "re-list").
    /// </summary>
    IAsyncEnumerable<EntityWatchEvent<TEntity>> WatchAsync<TEntity>(
        string? @namespace,
        string? labelSelector,
        string? resourceVersion,
        TimeSpan timeout,
        CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    Task<TEntity> CreateAsync<TEntity>(TEntity entity, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Replaces the object (optimistic concurrency on its metadata.resourceVersion).</summary>
    Task<TEntity> ReplaceAsync<TEntity>(TEntity entity, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Replaces the object's status through the <c>/status</c> subresource.</summary>
    Task<TEntity> ReplaceStatusAsync<TEntity>(TEntity entity, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    Task<TEntity> PatchAsync<TEntity>(
        string name, string? @namespace, PatchType patchType, string patch, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Deletes the object; false when it did not exist.</summary>
    Task<bool> DeleteAsync<TEntity>(string name, string? @namespace, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>;
}

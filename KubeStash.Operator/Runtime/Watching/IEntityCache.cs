using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Watching;

/// <summary>
/// The operator's in-memory view of one entity type, kept current by its watch. Reads never call the API server;
/// objects handed out are shared, so callers must not modify them (clone before changing).
/// </summary>
public interface IEntityCache<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>True once the first full list has been loaded.</summary>
    bool HasSynced { get; }

    TEntity? Get(string name, string? @namespace);

    /// <summary>All cached objects, or those of one namespace.</summary>
    IReadOnlyList<TEntity> List(string? @namespace = null);

    /// <summary>Cached objects carrying an owner reference to the object with <paramref name="ownerUid"/>.</summary>
    IReadOnlyList<TEntity> ListOwnedBy(string ownerUid);
}

using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Entities;

namespace KubeStash.Operator.Runtime.Watching;

/// <summary>The store behind <see cref="IEntityCache{TEntity}"/>; only the watcher and the runtime's own writes change it.</summary>
public sealed class EntityCache<TEntity> : IEntityCache<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<ObjectKey, TEntity> objects = new();
    private volatile bool synced;

    public bool HasSynced => synced;

    public int Count => objects.Count;

    public TEntity? Get(string name, string? @namespace)
        => objects.TryGetValue(new ObjectKey(string.IsNullOrEmpty(@namespace) ? null : @namespace, name), out var entity) ? entity : null;

    public TEntity? Get(ObjectKey key) => objects.TryGetValue(key, out var entity) ? entity : null;

    public IReadOnlyList<TEntity> List(string? @namespace = null)
        => @namespace is null
            ? [.. objects.Values]
            : [.. objects.Where(pair => pair.Key.Namespace == @namespace).Select(pair => pair.Value)];

    public IReadOnlyList<TEntity> ListOwnedBy(string ownerUid)
        => [.. objects.Values.Where(entity => entity.Metadata.OwnerReferences?.Any(owner => owner.Uid == ownerUid) == true)];

    /// <summary>Stores the object and returns the one it replaced.</summary>
    public TEntity? Upsert(TEntity entity)
    {
        var key = ObjectKey.Of(entity);
        TEntity? previous = null;
        objects.AddOrUpdate(key, entity, (_, old) =>
        {
            previous = old;
            return entity;
        });
        return previous;
    }

    public TEntity? Remove(ObjectKey key) => objects.TryRemove(key, out var removed) ? removed : null;

    /// <summary>
    /// Stores <paramref name="written"/> (the answer to our own write) only if the cache still holds the version the write
    /// was based on, so a newer version delivered by the watch meanwhile is never overwritten by an older one.
    /// </summary>
    public bool ReplaceIfUnchanged(string? basedOnResourceVersion, TEntity written)
    {
        var key = ObjectKey.Of(written);
        if (!objects.TryGetValue(key, out var current) || current.Metadata.ResourceVersion != basedOnResourceVersion)
        {
            return false;
        }

        return objects.TryUpdate(key, written, current);
    }

    /// <summary>Removes every object whose key is not in <paramref name="keep"/> (after a re-list); returns them.</summary>
    public IReadOnlyList<TEntity> RemoveAllExcept(IReadOnlySet<ObjectKey> keep)
    {
        var gone = new List<TEntity>();
        foreach (var key in objects.Keys)
        {
            if (!keep.Contains(key) && objects.TryRemove(key, out var removed))
            {
                gone.Add(removed);
            }
        }

        return gone;
    }

    public void MarkSynced() => synced = true;
}

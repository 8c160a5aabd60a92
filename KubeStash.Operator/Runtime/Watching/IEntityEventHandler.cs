using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Watching;

/// <summary>Is told about every change the watch of <typeparamref name="TEntity"/> applies to the cache. Must not block.</summary>
public interface IEntityEventHandler<in TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    /// <param name="type">Added, Modified or Deleted.</param>
    /// <param name="previous">The cached object before the change (null when added).</param>
    /// <param name="current">The object as the API server sent it (for Deleted, its last state).</param>
    void OnEntityEvent(WatchEventType type, TEntity? previous, TEntity current);
}

using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Controllers;

/// <summary>
/// Brings the world in line with one entity. <see cref="ReconcileAsync"/> runs whenever the object (or something it owns)
/// may have changed and must be idempotent; it never runs twice at once for the same object.
/// </summary>
public interface IEntityController<in TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    Task<ReconcileResult> ReconcileAsync(TEntity entity, CancellationToken cancellationToken);

    /// <summary>Called once the object is gone from the API server (after any finalizers ran).</summary>
    Task DeletedAsync(TEntity entity, CancellationToken cancellationToken);
}

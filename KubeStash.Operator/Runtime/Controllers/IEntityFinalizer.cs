using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Controllers;

/// <summary>
/// Cleans up before an entity may disappear. The runtime adds the finalizer's identifier to
/// <c>metadata.finalizers</c> on the first reconcile, calls <see cref="FinalizeAsync"/> once deletion is requested and
/// removes the identifier only after it returned; an exception keeps the object and retries with backoff.
/// </summary>
public interface IEntityFinalizer<in TEntity>
    where TEntity : IKubernetesObject<V1ObjectMeta>
{
    Task FinalizeAsync(TEntity entity, CancellationToken cancellationToken);
}

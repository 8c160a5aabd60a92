using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Reconciliation;

/// <summary>The controller registered for <typeparamref name="TEntity"/> and how it wants to be triggered.</summary>
/// <param name="ControllerType">Implements <c>IEntityController&lt;TEntity&gt;</c>; resolved in a fresh DI scope per reconcile.</param>
/// <param name="GenerationChangedOnly">
/// Skip updates that leave <c>metadata.generation</c>, deletion and finalizers unchanged (status-only writes).
/// </param>
public sealed record ControllerRegistration<TEntity>(Type ControllerType, bool GenerationChangedOnly)
    where TEntity : class, IKubernetesObject<V1ObjectMeta>;

using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Webhooks;

/// <summary>
/// Defaults or corrects <typeparamref name="TEntity"/> objects on admission. Override the operations to handle; the
/// entity passed in is a private copy that may be changed and returned with <see cref="MutationResult.Changed{TEntity}"/>.
/// </summary>
public abstract class MutationWebhook<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    public virtual Task<MutationResult<TEntity>> CreateAsync(TEntity entity, bool dryRun, CancellationToken cancellationToken)
        => Task.FromResult(MutationResult.NoChanges<TEntity>());

    public virtual Task<MutationResult<TEntity>> UpdateAsync(TEntity oldEntity, TEntity newEntity, bool dryRun, CancellationToken cancellationToken)
        => Task.FromResult(MutationResult.NoChanges<TEntity>());
}

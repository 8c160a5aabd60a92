using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Webhooks;

/// <summary>
/// Validates <typeparamref name="TEntity"/> objects on admission. Override the operations to check; only overridden ones
/// are registered with the API server (and written to the webhook manifests). Everything else is allowed.
/// </summary>
public abstract class ValidationWebhook<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    public virtual Task<AdmissionResult> CreateAsync(TEntity entity, bool dryRun, CancellationToken cancellationToken)
        => Task.FromResult(AdmissionResult.Allow());

    public virtual Task<AdmissionResult> UpdateAsync(TEntity oldEntity, TEntity newEntity, bool dryRun, CancellationToken cancellationToken)
        => Task.FromResult(AdmissionResult.Allow());

    public virtual Task<AdmissionResult> DeleteAsync(TEntity entity, bool dryRun, CancellationToken cancellationToken)
        => Task.FromResult(AdmissionResult.Allow());
}

using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Webhooks;

/// <summary>Makes <see cref="MutationResult{TEntity}"/> verdicts.</summary>
public static class MutationResult
{
    public static MutationResult<TEntity> NoChanges<TEntity>(params string[] warnings)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => new(null, AdmissionResult.Allow(warnings));

    /// <summary>Store <paramref name="modified"/> instead of the object as submitted.</summary>
    public static MutationResult<TEntity> Changed<TEntity>(TEntity modified, params string[] warnings)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(modified);
        return new(modified, AdmissionResult.Allow(warnings));
    }

    public static MutationResult<TEntity> Deny<TEntity>(string field, string problem, int statusCode = 403)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        => new(null, AdmissionResult.Deny(field, problem, statusCode));
}

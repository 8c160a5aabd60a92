using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Webhooks;

/// <summary>A mutation verdict (made with <see cref="MutationResult"/>): leave the object, change it, or deny it.</summary>
public sealed record MutationResult<TEntity>
    where TEntity : class, IKubernetesObject<V1ObjectMeta>
{
    internal MutationResult(TEntity? modified, AdmissionResult verdict)
    {
        Modified = modified;
        Verdict = verdict;
    }

    /// <summary>The object as it should be stored; null when unchanged or denied.</summary>
    public TEntity? Modified { get; }

    public AdmissionResult Verdict { get; }
}

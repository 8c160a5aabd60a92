using k8s;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Client;

/// <summary>
/// Writes an entity's status through the <c>/status</c> subresource. The change is given as a mutation so that, when the
/// object changed underneath (409 Conflict), it can be re-read and the same mutation re-applied to the fresh state.
/// </summary>
public sealed class StatusWriter(IEntityClient client, ILogger<StatusWriter> logger, int maxAttempts = 5)
{
    /// <summary>
    /// Applies <paramref name="mutate"/> to <paramref name="entity"/> and writes the status; returns the stored object.
    /// Writes nothing (and returns the object as given) when the mutation left the status unchanged.
    /// </summary>
    public async Task<TEntity> UpdateStatusAsync<TEntity>(TEntity entity, Action<TEntity> mutate, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(mutate);
        var current = entity;
        for (var attempt = 1; ; attempt++)
        {
            var before = KubernetesJson.Serialize(current);
            mutate(current);
            if (KubernetesJson.Serialize(current) == before)
            {
                // An unchanged status written anyway would wake every watcher for nothing (and, for a controller that
                // reacts to its own writes, loop).
                return current;
            }

            try
            {
                return await client.ReplaceStatusAsync(current, cancellationToken);
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < maxAttempts)
            {
                var name = current.Metadata.Name;
                var @namespace = current.Metadata.NamespaceProperty;
                logger.LogDebug("Status of {Kind} {Namespace}/{Name} changed underneath (attempt {Attempt}); re-reading", current.Kind, @namespace, name, attempt);
                current = await client.GetAsync<TEntity>(name, @namespace, cancellationToken)
                          ?? throw new KubernetesApiException(
                              System.Net.HttpStatusCode.NotFound, null, $"{current.Kind} {@namespace}/{name} was deleted while its status was being written.");
            }
        }
    }
}

using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Entities;

namespace KubeStash.Operator.Runtime.Reconciliation;

/// <summary>Finds the owners of a given type among an object's <c>metadata.ownerReferences</c>.</summary>
public static class OwnerReferenceMapper
{
    /// <summary>
    /// Keys of the owners of type <paramref name="ownerType"/> (matched by API group and kind, any version). Owners live in
    /// the owned object's namespace, or are cluster-scoped; the key carries the owned object's namespace either way.
    /// </summary>
    public static IReadOnlyList<ObjectKey> OwnersOf(IKubernetesObject<V1ObjectMeta> owned, EntityType ownerType)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ArgumentNullException.ThrowIfNull(ownerType);
        var references = owned.Metadata?.OwnerReferences;
        if (references is null || references.Count == 0)
        {
            return [];
        }

        var @namespace = string.IsNullOrEmpty(owned.Metadata!.NamespaceProperty) ? null : owned.Metadata.NamespaceProperty;
        return
        [
            .. references
                .Where(reference => reference.Kind == ownerType.Kind && GroupOf(reference.ApiVersion) == ownerType.Group && !string.IsNullOrEmpty(reference.Name))
                .Select(reference => new ObjectKey(@namespace, reference.Name))
                .Distinct(),
        ];
    }

    private static string GroupOf(string? apiVersion)
    {
        if (string.IsNullOrEmpty(apiVersion))
        {
            return string.Empty;
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }
}

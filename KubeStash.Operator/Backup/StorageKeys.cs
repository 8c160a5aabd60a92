using KubeStash.Entities.Storage;

namespace KubeStash.Operator.Backup;

/// <summary>How objects refer to each other by namespace/name, with KubeStash's defaulting to the referrer's namespace.</summary>
public static class StorageKeys
{
    public static string Of(k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> entity)
        => $"{entity.Metadata.NamespaceProperty}/{entity.Metadata.Name}";

    /// <summary>The repository directory relative to the storage prefix, as <c>repository.yaml</c> records it.</summary>
    public static string RepositoryDirectory(Repository repository)
        => (repository.Spec.Path ?? string.Empty).Trim().Trim('/');
}

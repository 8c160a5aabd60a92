namespace KubeStash.Entities.Schema;

/// <summary>Whether objects of a kind live in a namespace or at cluster level.</summary>
public enum EntityScope
{
    /// <summary>Objects live in a namespace.</summary>
    Namespaced,

    /// <summary>Objects are cluster-wide.</summary>
    Cluster,
}

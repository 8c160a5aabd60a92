namespace KubeStash.Operator.Backup;

/// <summary>KubeStash's labels and finalizer, as KubeStash users see them on the objects the operator creates.</summary>
public static class KubeStashLabels
{
    public const string InvokerName = "kubestash.com/invoker-name";
    public const string InvokerKind = "kubestash.com/invoker-kind";
    public const string InvokerNamespace = "kubestash.com/invoker-namespace";
    public const string SessionName = "kubestash.com/session-name";
    public const string RepoName = "kubestash.com/repo-name";
    public const string AppRefKind = "kubestash.com/app-ref-kind";
    public const string AppRefNamespace = "kubestash.com/app-ref-namespace";
    public const string AppRefName = "kubestash.com/app-ref-name";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "kubestash.com";

    /// <summary>The finalizer every KubeStash object with backend data carries.</summary>
    public const string CleanupFinalizer = "kubestash.com/cleanup";
}

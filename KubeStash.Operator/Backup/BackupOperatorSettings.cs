namespace KubeStash.Operator.Backup;

/// <summary>Settings of the backup controllers themselves (as opposed to the runtime's).</summary>
public sealed class BackupOperatorSettings
{
    /// <summary>Image of this operator; the trigger CronJobs run its <c>trigger-backup</c> sub-command.</summary>
    public string OperatorImage { get; set; } = "ghcr.io/kubestash-dotnet/operator:latest";

    /// <summary>
    /// How often a pending or running BackupSession is looked at again while its Job and Snapshots progress. Changes of
    /// the backup Job reconcile the session at once (it owns the Job), so this is a safety net, not the pace: at a
    /// thousand sessions running together, a one-second poll alone would be a thousand reconciles a second.
    /// </summary>
    public TimeSpan SessionPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a Ready BackupStorage is looked at again: its credentials Secret is not watched, the backend may go
    /// away, and its Repositories' sizes (its <c>totalSize</c>) change without an event on the BackupStorage itself.
    /// Each look reads <c>metadata.yaml</c> once; it never lists the storage.
    /// </summary>
    public TimeSpan StorageRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}

namespace KubeStash.Operator.Backup;

/// <summary>Settings of the backup controllers themselves (as opposed to the runtime's).</summary>
public sealed class BackupOperatorSettings
{
    /// <summary>Image of this operator; the trigger CronJobs run its <c>trigger-backup</c> sub-command.</summary>
    public string OperatorImage { get; set; } = "ghcr.io/kubestash-dotnet/operator:latest";

    /// <summary>How often a running BackupSession is looked at again while its Job and Snapshots progress.</summary>
    public TimeSpan SessionPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

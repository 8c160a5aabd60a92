namespace KubeStash.Operator.Runtime.LeaderElection;

/// <summary>Leader election on a coordination.k8s.io Lease; only the holder runs watches and reconciles.</summary>
public sealed class LeaderElectionOptions
{
    public bool Enabled { get; set; }

    /// <summary>Namespace of the Lease (the operator's own namespace).</summary>
    public string LeaseNamespace { get; set; } = "default";

    /// <summary>Lease name; defaults to "&lt;operator name&gt;-leader".</summary>
    public string? LeaseName { get; set; }

    /// <summary>This instance's identity in the lease; defaults to the host name plus a random suffix.</summary>
    public string? Identity { get; set; }

    /// <summary>How long a lease stays valid without renewal; another instance takes over after that.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The leader gives up if it could not renew for this long (must be below the lease duration).</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between acquire/renew attempts.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    public void Validate()
    {
        if (!Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(LeaseNamespace))
        {
            throw new ArgumentException("LeaderElectionOptions.LeaseNamespace must be set when leader election is enabled.");
        }

        if (LeaseDuration <= RenewDeadline || RenewDeadline <= RetryPeriod || RetryPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"LeaderElectionOptions: need LeaseDuration ({LeaseDuration}) > RenewDeadline ({RenewDeadline}) > RetryPeriod ({RetryPeriod}) > 0.");
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("LeaderElectionOptions.LeaseDuration must be at least one second (the Lease stores whole seconds).");
        }
    }
}

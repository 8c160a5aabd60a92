using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>What one sync of a Job should do: pods to create and delete, the status to write, when to look again.</summary>
public sealed record JobSyncPlan(
    int PodsToCreate,
    IReadOnlyList<V1Pod> PodsToDelete,
    V1JobStatus Status,
    DateTimeOffset? RequeueAt,
    bool DeleteJob);

namespace KubeStash.LocalCluster.Storage;

internal enum WriteOutcome
{
    Written,
    AlreadyExists,
    NotFound,
    Conflict,
}

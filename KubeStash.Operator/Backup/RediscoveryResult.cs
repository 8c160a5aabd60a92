namespace KubeStash.Operator.Backup;

/// <summary>What one pass of <see cref="RepositoryRediscovery"/> found in a storage and put back into the cluster.</summary>
public sealed record RediscoveryResult(int RepositoriesFound, int RepositoriesCreated, int SnapshotsCreated, IReadOnlyList<string> Problems)
{
    public string Describe()
    {
        var summary = $"{RepositoriesFound} repository director{(RepositoriesFound == 1 ? "y" : "ies")} in the storage; " +
                      $"{RepositoriesCreated} Repositor{(RepositoriesCreated == 1 ? "y" : "ies")} and {SnapshotsCreated} Snapshot(s) recreated from it";
        return Problems.Count == 0 ? summary : $"{summary}; not synced: {string.Join("; ", Problems)}";
    }
}

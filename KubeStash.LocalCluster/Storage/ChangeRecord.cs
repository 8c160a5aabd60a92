namespace KubeStash.LocalCluster.Storage;

/// <summary>
/// One committed change, kept in the history window for watch replay and consistent paging.
/// <paramref name="Previous"/> is the state before the change (null for an addition), so a list at an older
/// resourceVersion is the current state with newer changes undone.
/// </summary>
internal sealed record ChangeRecord(long ResourceVersion, string Table, string Key, ChangeKind Kind, byte[]? Object, byte[]? Previous);

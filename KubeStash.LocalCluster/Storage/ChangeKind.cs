namespace KubeStash.LocalCluster.Storage;

internal enum ChangeKind
{
    Added,
    Modified,
    Deleted,
    Bookmark,
}

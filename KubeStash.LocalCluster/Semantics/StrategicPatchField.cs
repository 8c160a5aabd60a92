namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// The patch metadata of one field of a Kubernetes Go type: its <c>patchStrategy</c> (merge or replace; absent
/// means replace for lists and merge for maps), its <c>patchMergeKey</c> for lists of objects, and the type of its
/// value (or of its list elements), when that type has metadata of its own.
/// </summary>
internal sealed record StrategicPatchField(bool MergeList, string? MergeKey, StrategicPatchType? Type)
{
    public static StrategicPatchField Plain(StrategicPatchType? type = null) => new(false, null, type);

    public static StrategicPatchField Merge(string? mergeKey, StrategicPatchType? type = null) => new(true, mergeKey, type);
}

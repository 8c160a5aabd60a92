namespace KubeStash.Storage.Snapshots;

/// <summary>
/// A large stream stored as numbered parts <c>&lt;key&gt;/000000</c>, <c>000001</c>, …: total size, SHA-256 of
/// the whole stream, and each part's size and SHA-256 in order.
/// </summary>
public sealed record SegmentedObjectInfo
{
    public string Key { get; init; } = string.Empty;

    public long Size { get; init; }

    public string Sha256 { get; init; } = string.Empty;

    public List<SegmentInfo> Parts { get; init; } = [];

    public static string PartKey(string key, int index) => $"{key}/{index:D6}";
}

using System.IO.Enumeration;

namespace KubeStash.Storage.Snapshots;

/// <summary>
/// Selects snapshot entries by path prefix (<c>manifest/deployments.apps/</c>) and/or glob
/// (<c>manifest/*/namespaces/demo/*.yaml</c>; <c>*</c> matches any run of characters including <c>/</c>,
/// <c>?</c> one character). An entry is selected when it matches any prefix or any glob; an empty filter selects all.
/// </summary>
public sealed record SnapshotEntryFilter
{
    public IReadOnlyList<string> Prefixes { get; init; } = [];

    public IReadOnlyList<string> Globs { get; init; } = [];

    public static SnapshotEntryFilter All { get; } = new();

    public bool Matches(string path) =>
        (Prefixes.Count == 0 && Globs.Count == 0)
        || Prefixes.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal))
        || Globs.Any(glob => FileSystemName.MatchesSimpleExpression(glob, path, ignoreCase: false));
}

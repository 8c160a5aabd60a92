namespace KubeStash.LocalCluster.Semantics;

/// <summary>A parsed <c>labelSelector</c> query (=, ==, !=, in, notin, exists, !exists).</summary>
public sealed class LabelSelector
{
    private LabelSelector() { }

    /// <summary>Parses the query text; throws <see cref="FormatException"/> naming the bad term.</summary>
    public static LabelSelector Parse(string? text) => throw new NotImplementedException("owned by the LocalCluster semantics work");

    public bool Matches(IReadOnlyDictionary<string, string>? labels) => throw new NotImplementedException("owned by the LocalCluster semantics work");
}

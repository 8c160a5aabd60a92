using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>A parsed <c>fieldSelector</c> query (=, ==, !=) over the fields a resource supports.</summary>
public sealed class FieldSelector
{
    private FieldSelector() { }

    /// <summary>
    /// Parses the query for a resource that supports <paramref name="supportedFields"/> (always metadata.name and
    /// metadata.namespace); throws <see cref="FormatException"/> with kube-apiserver's message for others.
    /// </summary>
    public static FieldSelector Parse(string? text, IReadOnlyCollection<string> supportedFields) => throw new NotImplementedException("owned by the LocalCluster semantics work");

    public bool Matches(JsonObject obj) => throw new NotImplementedException("owned by the LocalCluster semantics work");
}

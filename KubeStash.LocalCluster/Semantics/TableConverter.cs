using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// Server-side printing: turns objects into a <c>meta.k8s.io/v1 Table</c> as kube-apiserver answers
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>.
/// </summary>
public static class TableConverter
{
    /// <summary>
    /// The columns for a resource: NAME, then the CRD's printer columns when given (an AGE column only if the CRD
    /// has none of its own that it wants, as kube-apiserver does), else the built-in defaults for the kind (READY and
    /// STATUS for pods and workloads, ...), else NAME and AGE.
    /// </summary>
    public static IReadOnlyList<TableColumn> ColumnsFor(string group, string kind, IReadOnlyList<TableColumn>? crdColumns) => throw new NotImplementedException("owned by the LocalCluster semantics work");

    /// <summary>
    /// Builds the Table. <paramref name="includeObject"/> is the request's includeObject (None, Metadata — the
    /// default, as PartialObjectMetadata — or Object).
    /// </summary>
    public static JsonObject Convert(IReadOnlyList<JsonObject> items, IReadOnlyList<TableColumn> columns, DateTimeOffset now, string resourceVersion, string? continueToken, string includeObject) => throw new NotImplementedException("owned by the LocalCluster semantics work");
}

using System.Text.Json.Nodes;
using k8s.Models;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// A CRD version's structural schema, applied to incoming objects the way kube-apiserver does:
/// defaulting, then pruning of unknown fields, then validation.
/// </summary>
public sealed class StructuralSchema(V1JSONSchemaProps schema)
{
    public V1JSONSchemaProps Schema { get; } = schema;

    /// <summary>Defaults, prunes and validates <paramref name="obj"/> in place (metadata, apiVersion and kind excepted).</summary>
    public SchemaAdmissionResult Admit(JsonObject obj) => throw new NotImplementedException("owned by the LocalCluster semantics work");
}

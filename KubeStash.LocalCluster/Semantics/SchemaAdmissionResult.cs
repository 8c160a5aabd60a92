namespace KubeStash.LocalCluster.Semantics;

/// <summary>What admitting an object against a CRD schema did: the fields it pruned and the errors it found.</summary>
public sealed record SchemaAdmissionResult(IReadOnlyList<string> PrunedFields, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

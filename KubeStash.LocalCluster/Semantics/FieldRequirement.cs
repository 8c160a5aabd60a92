namespace KubeStash.LocalCluster.Semantics;

/// <summary>One term of a field selector: the dotted field, the value, and whether it was <c>!=</c>.</summary>
public sealed record FieldRequirement(string Field, string Value, bool Negated);

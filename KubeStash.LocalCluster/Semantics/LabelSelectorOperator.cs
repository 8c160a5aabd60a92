namespace KubeStash.LocalCluster.Semantics;

/// <summary>The operators of a label selector requirement, as kube's <c>selection.Operator</c>.</summary>
public enum LabelSelectorOperator
{
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

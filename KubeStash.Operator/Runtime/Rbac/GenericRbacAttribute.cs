namespace KubeStash.Operator.Runtime.Rbac;

/// <summary>
/// Declares RBAC needs that are not about an entity class: plain API groups/resources (e.g. <c>events</c>,
/// <c>leases</c>, <c>jobs/status</c>) or non-resource URLs.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GenericRbacAttribute : Attribute
{
    public string[] Groups { get; init; } = [];

    public string[] Resources { get; init; } = [];

    public string[] Urls { get; init; } = [];

    public RbacVerbs Verbs { get; init; } = RbacVerbs.None;
}

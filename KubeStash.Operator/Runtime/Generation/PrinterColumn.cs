namespace KubeStash.Operator.Runtime.Generation;

/// <summary>One <c>kubectl get</c> column as declared on an entity class.</summary>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, int Priority, string? Description, string? Format);

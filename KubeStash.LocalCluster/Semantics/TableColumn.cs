namespace KubeStash.LocalCluster.Semantics;

/// <summary>One column of a server-side printed table: a CRD additionalPrinterColumn or a built-in default.</summary>
public sealed record TableColumn(string Name, string Type, string JsonPath, int Priority = 0, string? Description = null, string? Format = null);

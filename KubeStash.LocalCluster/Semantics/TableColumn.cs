using System.Text.Json.Nodes;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>One column of a server-side printed table: a CRD additionalPrinterColumn or a built-in default.</summary>
/// <remarks>
/// CRD columns read their cell through <see cref="JsonPath"/> and render it by <see cref="Type"/> (integer, number,
/// boolean, string, date). Built-in printers compute cells that no JSONPath expresses (READY <c>1/2</c>, a pod's
/// STATUS, PORT(S)...): those carry <see cref="Cell"/>, which then takes precedence.
/// </remarks>
public sealed record TableColumn(string Name, string Type, string JsonPath, int Priority = 0, string? Description = null, string? Format = null)
{
    /// <summary>Computes the cell from the object and the current time; null for columns read by JSONPath.</summary>
    public Func<JsonObject, DateTimeOffset, JsonNode?>? Cell { get; init; }
}

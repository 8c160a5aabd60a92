using System.Text.Json.Nodes;

namespace KubeStash.Entities.Serialization;

/// <summary>One document of a YAML or JSON stream, converted to JSON.</summary>
/// <param name="Number">1-based position of the document in the stream.</param>
/// <param name="Root">The document's content; null for an empty document.</param>
/// <param name="Positions">Where each value starts in the text, keyed by JSON path (<c>$.spec.sessions[0].name</c>).</param>
public sealed record ParsedDocument(int Number, JsonNode? Root, IReadOnlyDictionary<string, SourcePosition> Positions);

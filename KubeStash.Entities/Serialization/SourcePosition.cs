namespace KubeStash.Entities.Serialization;

/// <summary>A 1-based line and column in a manifest's text.</summary>
/// <param name="Line">Line number, starting at 1.</param>
/// <param name="Column">Column number, starting at 1.</param>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}, column {Column}";
}

namespace KubeStash.Entities.Serialization;

/// <summary>
/// A manifest could not be read: malformed YAML/JSON, an unknown kind, or a field of the wrong type. The message names
/// the object, the document and the field path, e.g.
/// <c>BackupConfiguration "sample" (document 2): spec.sessions[0].sessionHistoryLimit: expected an integer, got "three"</c>.
/// </summary>
public sealed class ManifestException : Exception
{
    /// <summary>Creates an exception with a complete message.</summary>
    public ManifestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a complete message and its cause.</summary>
    public ManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception without a message.</summary>
    public ManifestException()
    {
    }

    /// <summary>1-based number of the document in the stream, when known.</summary>
    public int? DocumentNumber { get; init; }

    /// <summary>Kind of the object, when known.</summary>
    public string? Kind { get; init; }

    /// <summary>Name of the object, when known.</summary>
    public string? ObjectName { get; init; }

    /// <summary>Path of the offending field, e.g. <c>spec.sessions[0].sessionHistoryLimit</c>, when known.</summary>
    public string? FieldPath { get; init; }

    /// <summary>Where the problem is in the text, when known.</summary>
    public SourcePosition? Position { get; init; }
}

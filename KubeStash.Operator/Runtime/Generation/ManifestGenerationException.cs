namespace KubeStash.Operator.Runtime.Generation;

/// <summary>A class or attribute cannot be turned into a manifest; the message names the type and member at fault.</summary>
public sealed class ManifestGenerationException : Exception
{
    public ManifestGenerationException()
    {
    }

    public ManifestGenerationException(string message)
        : base(message)
    {
    }

    public ManifestGenerationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

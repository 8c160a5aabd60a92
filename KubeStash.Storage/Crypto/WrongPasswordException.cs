namespace KubeStash.Storage.Crypto;

/// <summary>The encryption password does not open the repository (its key check value does not match).</summary>
public sealed class WrongPasswordException : Exception
{
    public WrongPasswordException()
    {
    }

    public WrongPasswordException(string message)
        : base(message)
    {
    }

    public WrongPasswordException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

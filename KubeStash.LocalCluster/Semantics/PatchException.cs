namespace KubeStash.LocalCluster.Semantics;

/// <summary>A patch could not be applied; the server answers 422 (or 400 for a malformed patch) with this message.</summary>
public sealed class PatchException(string message, bool malformed = false) : Exception(message)
{
    public bool Malformed { get; } = malformed;
}

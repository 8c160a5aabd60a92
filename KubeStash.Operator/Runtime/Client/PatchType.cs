namespace KubeStash.Operator.Runtime.Client;

/// <summary>The patch formats the API server accepts for any resource.</summary>
public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch.</summary>
    Merge,

    /// <summary>RFC 6902 JSON patch.</summary>
    Json,
}

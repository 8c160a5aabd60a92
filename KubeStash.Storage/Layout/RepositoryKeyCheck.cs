namespace KubeStash.Storage.Layout;

/// <summary>
/// <c>&lt;repo dir&gt;/key-check.yaml</c>: the key check value of a repository whose <c>repository.yaml</c> was written
/// without one (see <c>KeyDerivation.CreateUncheckedParameters</c>). Written once, by the first writer that derived the
/// key; from then on a wrong password fails against it.
/// </summary>
public sealed record RepositoryKeyCheck
{
    public const string CurrentKind = "KubeStashRepositoryKeyCheck";

    public string Kind { get; init; } = CurrentKind;

    /// <summary>Base64 of HMAC-SHA256(key-check subkey, constant), as <c>EncryptionParameters.KeyCheck</c>.</summary>
    public string KeyCheck { get; init; } = string.Empty;

    /// <summary>RFC 3339, UTC.</summary>
    public string CreatedAt { get; init; } = string.Empty;
}

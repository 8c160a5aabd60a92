namespace KubeStash.Storage;

/// <summary>
/// KubeStash's <c>spec.storage.azure</c>. The account key comes from the Secret's <c>AZURE_ACCOUNT_KEY</c>; the
/// account name from <see cref="StorageAccount"/> (or, when that is empty, the Secret's <c>AZURE_ACCOUNT_NAME</c>).
/// </summary>
public sealed record AzureStorageOptions
{
    public string? StorageAccount { get; init; }

    public required string Container { get; init; }

    public string? Prefix { get; init; }

    public string? SecretName { get; init; }

    public int? MaxConnections { get; init; }

    /// <summary>
    /// Blob service endpoint; defaults to <c>https://&lt;account&gt;.blob.core.windows.net</c>. Not a KubeStash field:
    /// it lets the same code talk to an emulator such as Azurite (<c>http://127.0.0.1:10000/devstoreaccount1</c>).
    /// </summary>
    public Uri? Endpoint { get; init; }
}

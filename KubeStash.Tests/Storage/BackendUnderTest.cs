using KubeStash.Storage;

namespace KubeStash.Tests.Storage;

/// <summary>An object store under test with the options and Secret data it was built from, cleaned up on dispose.</summary>
public sealed class BackendUnderTest(IObjectStore store, BackupStorageOptions options, IReadOnlyDictionary<string, byte[]>? secret, Action? cleanup) : IAsyncDisposable
{
    public IObjectStore Store { get; } = store;

    public BackupStorageOptions Options { get; } = options;

    public IReadOnlyDictionary<string, byte[]>? Secret { get; } = secret;

    /// <summary>Every stored object's bytes, concatenated with its key (for "no plaintext anywhere" checks).</summary>
    public async Task<List<(string Key, byte[] Bytes)>> ReadEverythingAsync()
    {
        var all = new List<(string, byte[])>();
        await foreach (var item in Store.ListAsync(string.Empty, CancellationToken.None))
        {
            all.Add((item.Key, await Store.GetAsync(item.Key, CancellationToken.None)));
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        cleanup?.Invoke();
    }
}

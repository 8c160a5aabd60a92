using KubeStash.Dumper.Output;
using KubeStash.Storage;
using KubeStash.Storage.Crypto;
using KubeStash.Storage.Layout;
using KubeStash.Storage.Snapshots;
using Microsoft.Extensions.Logging;

namespace KubeStash.Dumper.Cli;

/// <summary>
/// A standalone backup into a backend: the repository directory is claimed (created when missing; encrypted with
/// <c>RESTIC_PASSWORD</c> when that is set), the dump streams into one snapshot, which is committed only if the dump succeeded.
/// </summary>
public static class StandaloneSnapshot
{
    public static async Task<(CommitRecord Commit, DumpSummary Summary)> WriteAsync(
        ManifestDumper dumper,
        DumpRequest request,
        OutputLocation output,
        string repositoryDirectory,
        string snapshot,
        string? password,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        await using var store = new ObjectStoreFactory(loggerFactory).Create(output.Storage!, output.Credentials);
        await store.EnsureReadyAsync(cancellationToken);
        var layout = new StorageLayout(store);
        var repository = $"standalone/{repositoryDirectory}";
        var identity = await layout.ReadRepositoryAsync(repositoryDirectory, cancellationToken)
            ?? await layout.InitializeRepositoryAsync(
                new RepositoryIdentity
                {
                    Repository = repository,
                    BackupStorage = output.Storage!.Name,
                    Path = repositoryDirectory,
                    CreatedAt = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    Encryption = string.IsNullOrEmpty(password) ? null : KeyDerivation.CreateParameters(password),
                },
                cancellationToken);
        using var key = identity.Encryption is not null
            ? await layout.OpenKeyAsync(
                identity,
                password ?? throw new InvalidOperationException($"repository \"{repositoryDirectory}\" in {store.Description} is encrypted: set {KeyDerivation.PasswordSecretKey}"),
                recordKeyCheck: true,
                cancellationToken)
            : null;
        var prefix = StorageLayout.SnapshotDataPrefix(repositoryDirectory, snapshot);
        await using var writer = await SnapshotWriter.CreateAsync(store, prefix, snapshot, key, cancellationToken: cancellationToken);
        var summary = await dumper.DumpAsync(request, new SnapshotManifestSink(writer, $"snapshot {snapshot} in {store.Description}"), cancellationToken);
        return (await writer.CommitAsync(cancellationToken), summary);
    }
}

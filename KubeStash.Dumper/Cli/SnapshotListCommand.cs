using System.CommandLine;
using System.Globalization;
using KubeStash.Storage;
using KubeStash.Storage.Crypto;
using KubeStash.Storage.Layout;
using KubeStash.Storage.Snapshots;

namespace KubeStash.Dumper.Cli;

/// <summary>
/// <c>list --storage=local:///path|s3://bucket[/prefix] --repository=DIR [--snapshot=NAME]</c>: what a backend holds,
/// read from storage alone. Without <c>--snapshot</c> the committed snapshots of the repository; with it the files
/// inside that snapshot (its verified index: path and size of every manifest). An encrypted repository needs its
/// password in <c>RESTIC_PASSWORD</c>. Exit code 0 on success, 1 with <c>error: …</c> on stderr.
/// </summary>
public static class SnapshotListCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string> environment)
    {
        var storage = new Option<string>("--storage") { Description = "The backend: local:///path or s3://bucket[/prefix] (S3 settings from the environment, as for backup --output)", Required = true };
        var repository = new Option<string>("--repository") { Description = "Repository directory inside the backend (a Repository's spec.path)", Required = true };
        var snapshot = new Option<string?>("--snapshot") { Arity = ArgumentArity.ZeroOrOne, Description = "Snapshot whose files to list (default: list the committed snapshots)" };
        var command = new Command("list", "List the committed snapshots of a repository, or the files inside one snapshot") { storage, repository, snapshot };
        command.SetAction(async (result, ct) =>
        {
            try
            {
                var location = OutputLocation.Parse(result.GetRequiredValue(storage), environment);
                if (location.Storage is null)
                {
                    throw new ArgumentException($"--storage {result.GetRequiredValue(storage)}: write local:///absolute/path or s3://bucket[/prefix]");
                }

                environment.TryGetValue(KeyDerivation.PasswordSecretKey, out var password);
                var name = result.GetValue(snapshot);
                await using var store = new ObjectStoreFactory().Create(location.Storage, location.Credentials);
                await ListAsync(store, result.GetRequiredValue(repository), string.IsNullOrWhiteSpace(name) ? null : name.Trim(), password, stdout, ct);
                return 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                await stderr.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Writes the listing to <paramref name="output"/>: snapshot names, or one <c>size path</c> line per file and a total.</summary>
    public static async Task ListAsync(IObjectStore store, string repositoryDirectory, string? snapshot, string? password, TextWriter output, CancellationToken cancellationToken)
    {
        var layout = new StorageLayout(store);
        var identity = await layout.ReadRepositoryAsync(repositoryDirectory, cancellationToken)
            ?? throw new InvalidOperationException($"{store.Description} has no repository at \"{repositoryDirectory}\" ({StorageLayout.RepositoryKey(repositoryDirectory)} does not exist)");
        if (snapshot is null)
        {
            await foreach (var name in layout.ListCommittedSnapshotsAsync(repositoryDirectory, cancellationToken))
            {
                await output.WriteLineAsync(name);
            }

            return;
        }

        using var key = identity.Encryption is not null
            ? await layout.OpenKeyAsync(
                identity,
                password ?? throw new InvalidOperationException($"repository {identity.Repository} in {store.Description} is encrypted: set {KeyDerivation.PasswordSecretKey} to its encryptionSecret's password"),
                recordKeyCheck: false,
                cancellationToken)
            : null;
        var reader = await SnapshotReader.OpenAsync(store, StorageLayout.SnapshotDataPrefix(repositoryDirectory, snapshot), key, cancellationToken);
        await foreach (var entry in reader.ReadIndexAsync(cancellationToken))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{entry.Size,10}  {entry.Path}"));
        }

        var commit = reader.Commit;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"snapshot {commit.Snapshot}: {commit.Entries} files, {commit.TotalBytes} bytes of YAML, archive {commit.Archive.Size} bytes ({commit.Compression}, encryption {commit.Encryption}), committed {commit.CreatedAt}"));
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using KubeStash.Dumper.Collection;
using KubeStash.Dumper.Output;
using KubeStash.Dumper.Targets;
using KubeStash.Entities.Core;
using KubeStash.Entities.Serialization;
using KubeStash.Entities.Storage;
using KubeStash.Storage;
using KubeStash.Storage.Crypto;
using KubeStash.Storage.Layout;
using KubeStash.Storage.Snapshots;
using Microsoft.Extensions.Logging;

namespace KubeStash.Dumper.Job;

/// <summary>
/// The backup Job: reads the BackupSession, its BackupConfiguration (the target) and the session's Snapshots (those
/// whose <c>spec.backupSession</c> names it), resolves each Snapshot's Repository, BackupStorage and Secrets, dumps once
/// into every Snapshot's archive, commits each and reports <c>status.components.manifest</c>. A Snapshot is marked
/// Succeeded only after its commit record is written; on any failure its uploaded parts are deleted and it is marked
/// Failed with the error. While the dump runs, each Snapshot's component shows at intervals the YAML collected so far
/// and the time taken.
/// </summary>
public sealed class BackupSessionJob(KubernetesApi api, ObjectStoreFactory stores, ManifestDumper dumper, ILoggerFactory loggerFactory)
{
    /// <summary>Often enough to watch a large dump move, rare enough to cost the API server nothing.</summary>
    public static readonly TimeSpan DefaultProgressInterval = TimeSpan.FromSeconds(10);

    private readonly ILogger logger = loggerFactory.CreateLogger<BackupSessionJob>();
    private readonly EntitySerializer serializer = new(rejectUnknownFields: false);
    private readonly SnapshotStatusReporter status = new(api.Client, loggerFactory.CreateLogger<SnapshotStatusReporter>());

    /// <summary>
    /// Runs the session's backup, showing its progress in the Snapshots every <paramref name="progressInterval"/>;
    /// returns the process exit code (0 only when every Snapshot succeeded).
    /// </summary>
    public async Task<int> RunAsync(string ns, string backupSessionName, DumpRequest filters, TimeSpan progressInterval, CancellationToken cancellationToken)
    {
        var session = await GetAsync<BackupSession>("core.kubestash.com", "backupsessions", ns, backupSessionName, cancellationToken)
            ?? throw new InvalidOperationException($"BackupSession {ns}/{backupSessionName} does not exist");
        var invoker = session.Spec.Invoker ?? throw new InvalidOperationException($"BackupSession {ns}/{backupSessionName}: spec.invoker is required");
        if (invoker.Kind != "BackupConfiguration")
        {
            throw new InvalidOperationException($"BackupSession {ns}/{backupSessionName}: spec.invoker.kind {invoker.Kind} is not supported (BackupConfiguration is)");
        }

        var configuration = await GetAsync<BackupConfiguration>("core.kubestash.com", "backupconfigurations", ns, invoker.Name, cancellationToken)
            ?? throw new InvalidOperationException($"BackupConfiguration {ns}/{invoker.Name} (invoker of BackupSession {backupSessionName}) does not exist");
        // A target namespace left out or written "" is the BackupConfiguration's own, as the operator reads it.
        var target = configuration.Spec.Target is { } t
            ? new DumpTarget(
                t.ApiGroup,
                t.Kind ?? throw new InvalidOperationException($"BackupConfiguration {ns}/{invoker.Name}: spec.target.kind is required"),
                string.IsNullOrEmpty(t.Namespace) ? ns : t.Namespace,
                t.Name)
            : null;
        var request = filters with { Target = target };

        var snapshots = await ListSessionSnapshotsAsync(ns, backupSessionName, cancellationToken);
        if (snapshots.Count == 0)
        {
            throw new InvalidOperationException($"BackupSession {ns}/{backupSessionName} has no Snapshots (none in {ns} has spec.backupSession {backupSessionName})");
        }

        var failures = 0;
        var destinations = new List<SnapshotDestination>();
        foreach (var snapshot in snapshots)
        {
            try
            {
                destinations.Add(await ResolveAsync(snapshot, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures++;
                logger.LogError("Snapshot {Snapshot}: {Error}", snapshot.Metadata.Name, e.Message);
                await status.FailedAsync(ns, snapshot.Metadata.Name, e.Message, cancellationToken);
            }
        }

        try
        {
            failures += await BackupAsync(ns, destinations, request, progressInterval, cancellationToken);
        }
        finally
        {
            foreach (var destination in destinations)
            {
                destination.Key?.Dispose();
                await destination.Store.DisposeAsync();
            }
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary>Marks every Snapshot of the session Failed with <paramref name="error"/>, when the backup cannot even start.</summary>
    public async Task FailAsync(string ns, string backupSessionName, string error, CancellationToken cancellationToken)
    {
        foreach (var snapshot in await ListSessionSnapshotsAsync(ns, backupSessionName, cancellationToken))
        {
            await status.FailedAsync(ns, snapshot.Metadata.Name, error, cancellationToken);
        }
    }

    private async Task<int> BackupAsync(string ns, List<SnapshotDestination> destinations, DumpRequest request, TimeSpan progressInterval, CancellationToken cancellationToken)
    {
        if (destinations.Count == 0)
        {
            return 0;
        }

        var clock = Stopwatch.StartNew();
        foreach (var destination in destinations)
        {
            await status.RunningAsync(ns, destination.Name, cancellationToken);
        }

        var writers = new List<(SnapshotDestination Destination, SnapshotWriter Writer)>();
        try
        {
            foreach (var destination in destinations)
            {
                var prefix = StorageLayout.SnapshotDataPrefix(destination.RepositoryDirectory, destination.Name);
                writers.Add((destination, await SnapshotWriter.CreateAsync(destination.Store, prefix, destination.Name, destination.Key, cancellationToken: cancellationToken)));
            }

            var sink = new CountingManifestSink(
                new FanOutManifestSink([.. writers.Select(w => (IManifestSink)new SnapshotManifestSink(w.Writer, $"Snapshot {w.Destination.Name} in {w.Destination.Store.Description}"))]));
            using var dumped = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var progress = ReportProgressAsync(ns, destinations, sink, clock, progressInterval, dumped.Token);
            try
            {
                await dumper.DumpAsync(request, sink, cancellationToken);
            }
            finally
            {
                // No progress patch may land after the final status.
                await dumped.CancelAsync();
                await progress;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var (destination, writer) in writers)
            {
                await writer.DisposeAsync();
            }

            foreach (var destination in destinations)
            {
                await status.FailedAsync(ns, destination.Name, $"backup to {destination.Store.Description} failed: {e.Message}", CancellationToken.None);
            }

            logger.LogError(e, "Dumping manifests failed");
            return destinations.Count;
        }

        var failures = 0;
        foreach (var (destination, writer) in writers)
        {
            await using (writer)
            {
                try
                {
                    var prefix = StorageLayout.SnapshotDataPrefix(destination.RepositoryDirectory, destination.Name);
                    var commit = await writer.CommitAsync(cancellationToken);
                    // Re-open the committed snapshot: its commit record must read back and verify before we call it good.
                    var reader = await SnapshotReader.OpenAsync(destination.Store, prefix, destination.Key, cancellationToken);
                    await status.SucceededAsync(ns, destination.Name, prefix, commit.Archive.Size + commit.Index.Size, clock.Elapsed, cancellationToken);
                    logger.LogInformation("Snapshot {Snapshot}: {Entries} entries committed in {Store}", destination.Name, reader.Commit.Entries, destination.Store.Description);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures++;
                    await status.FailedAsync(ns, destination.Name, $"backup to {destination.Store.Description} failed: {e.Message}", CancellationToken.None);
                }
            }
        }

        return failures;
    }

    private async Task ReportProgressAsync(
        string ns, List<SnapshotDestination> destinations, CountingManifestSink sink, Stopwatch clock, TimeSpan progressInterval, CancellationToken dumpDone)
    {
        using var timer = new PeriodicTimer(progressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(dumpDone))
            {
                foreach (var destination in destinations)
                {
                    try
                    {
                        await status.ProgressAsync(ns, destination.Name, sink.Bytes, clock.Elapsed, dumpDone);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Progress is informative: failing to show it must not fail the backup.
                        logger.LogWarning("Snapshot {Snapshot}: progress not reported ({Error})", destination.Name, e.Message);
                    }
                }

                logger.LogInformation("Dumped {Manifests} manifests ({Bytes} bytes) so far in {Elapsed}", sink.Manifests, sink.Bytes, clock.Elapsed);
            }
        }
        catch (OperationCanceledException) when (dumpDone.IsCancellationRequested)
        {
        }
    }

    private async Task<SnapshotDestination> ResolveAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        var ns = snapshot.Metadata.NamespaceProperty;
        var repositoryName = snapshot.Spec.Repository ?? throw new InvalidOperationException($"Snapshot {ns}/{snapshot.Metadata.Name}: spec.repository is required");
        var repository = await GetAsync<Repository>("storage.kubestash.com", "repositories", ns, repositoryName, cancellationToken)
            ?? throw new InvalidOperationException($"Repository {ns}/{repositoryName} (of Snapshot {snapshot.Metadata.Name}) does not exist");
        var storageRef = repository.Spec.StorageRef ?? throw new InvalidOperationException($"Repository {ns}/{repositoryName}: spec.storageRef is required");
        var storageNamespace = storageRef.Namespace ?? ns;
        var storage = await GetAsync<BackupStorage>("storage.kubestash.com", "backupstorages", storageNamespace, storageRef.Name, cancellationToken)
            ?? throw new InvalidOperationException($"BackupStorage {storageNamespace}/{storageRef.Name} (of Repository {repositoryName}) does not exist");
        var options = storage.ToOptions();
        var secretName = storage.CredentialSecretName();
        var secretData = secretName is null ? null : await ReadSecretAsync(storageNamespace, secretName, $"credentials of BackupStorage {storageNamespace}/{storageRef.Name}", cancellationToken);
        var store = stores.Create(options, secretData);
        try
        {
            var directory = repository.Spec.Path ?? throw new InvalidOperationException($"Repository {ns}/{repositoryName}: spec.path is required");
            var layout = new StorageLayout(store);
            var identity = await layout.ReadRepositoryAsync(directory, cancellationToken)
                ?? throw new InvalidOperationException($"Repository {ns}/{repositoryName} is not initialised in {store.Description}: \"{StorageLayout.RepositoryKey(directory)}\" is missing");
            RepositoryKey? key = null;
            if (identity.Encryption is not null)
            {
                var secretRef = repository.Spec.EncryptionSecret
                    ?? throw new InvalidOperationException($"Repository {ns}/{repositoryName} is encrypted in {store.Description} but has no spec.encryptionSecret");
                var secretNamespace = secretRef.Namespace ?? ns;
                var data = await ReadSecretAsync(secretNamespace, secretRef.Name, $"encryptionSecret of Repository {repositoryName}", cancellationToken);
                var password = data.TryGetValue(KeyDerivation.PasswordSecretKey, out var bytes)
                    ? Encoding.UTF8.GetString(bytes)
                    : throw new InvalidOperationException($"Secret {secretNamespace}/{secretRef.Name} (encryptionSecret of Repository {repositoryName}) has no key {KeyDerivation.PasswordSecretKey}");
                key = await layout.OpenKeyAsync(identity, password, recordKeyCheck: true, cancellationToken);
            }

            return new SnapshotDestination(snapshot, repository, store, key, directory);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private async Task<IReadOnlyDictionary<string, byte[]>> ReadSecretAsync(string ns, string name, string purpose, CancellationToken cancellationToken)
    {
        using var secret = await api.GetAsync($"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/secrets/{Uri.EscapeDataString(name)}", cancellationToken)
            ?? throw new InvalidOperationException($"Secret {ns}/{name} ({purpose}) does not exist");
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (secret.RootElement.TryGetProperty("data", out var map))
        {
            foreach (var entry in map.EnumerateObject())
            {
                data[entry.Name] = entry.Value.GetBytesFromBase64();
            }
        }

        return data;
    }

    private async Task<List<Snapshot>> ListSessionSnapshotsAsync(string ns, string backupSession, CancellationToken cancellationToken)
    {
        using var list = await api.GetAsync($"/apis/storage.kubestash.com/v1alpha1/namespaces/{Uri.EscapeDataString(ns)}/snapshots", cancellationToken)
            ?? throw new InvalidOperationException("the API server does not serve storage.kubestash.com/v1alpha1 snapshots (are KubeStash's CRDs installed?)");
        var result = new List<Snapshot>();
        foreach (var item in list.RootElement.GetProperty("items").EnumerateArray())
        {
            var node = JsonObject.Create(item)!;
            node["apiVersion"] = "storage.kubestash.com/v1alpha1";
            node["kind"] = "Snapshot";
            var snapshot = (Snapshot)serializer.FromJson(node);
            if (snapshot.Spec.BackupSession == backupSession)
            {
                result.Add(snapshot);
            }
        }

        return result;
    }

    private async Task<T?> GetAsync<T>(string group, string plural, string ns, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<k8s.Models.V1ObjectMeta>
    {
        using var document = await api.GetAsync($"/apis/{group}/v1alpha1/namespaces/{Uri.EscapeDataString(ns)}/{plural}/{Uri.EscapeDataString(name)}", cancellationToken);
        return document is null ? null : (T)serializer.FromJson(JsonNode.Parse(document.RootElement.GetRawText()));
    }
}

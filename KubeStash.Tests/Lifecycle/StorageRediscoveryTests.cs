using System.Text;
using KubeStash.Entities.Common;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Controllers;
using KubeStash.Storage;
using KubeStash.Storage.Crypto;
using KubeStash.Storage.Layout;
using KubeStash.Storage.Snapshots;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Lifecycle;

/// <summary>
/// A new cluster pointed at backups another cluster made: applying the same Secret and BackupStorage brings back the
/// Repositories and committed Snapshots from the S3 storage alone, with the status they had; uncommitted data does not.
/// </summary>
public sealed class StorageRediscoveryTests
{
    private const string Ns = "rediscover";
    private const string Absent = "rediscover-later";
    private const string Password = "not-a-real-password";
    private LifecycleEnvironment env = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => env = await LifecycleEnvironment.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await env.DisposeAsync();

    /// <summary>What the old cluster left in the bucket: two repositories, one committed and one half-written snapshot.</summary>
    private async Task SeedOldBackupsAsync(string bucket)
    {
        await using var store = new ObjectStoreFactory().Create(env.S3.StorageOptions(bucket, "/manifests"), env.S3.SecretData);
        var layout = new StorageLayout(store);
        await layout.InitializeStorageAsync(new StorageIdentity { BackupStorage = $"{Ns}/s3-storage", Uid = "old-cluster-uid", Provider = "s3" });
        var encryption = KeyDerivation.CreateParameters(Password);
        await layout.InitializeRepositoryAsync(new RepositoryIdentity
        {
            Repository = $"{Ns}/old-repo",
            BackupStorage = $"{Ns}/s3-storage",
            Path = "old/repo",
            Encryption = encryption,
            EncryptionSecret = $"{Ns}/encryption-secret",
            DeletionPolicy = "WipeOut",
        });
        await layout.InitializeRepositoryAsync(new RepositoryIdentity { Repository = $"{Absent}/other-repo", BackupStorage = $"{Ns}/s3-storage", Path = "other" });

        var key = KeyDerivation.DeriveKey(Password, encryption, $"{Ns}/old-repo");
        await using (var writer = await SnapshotWriter.CreateAsync(store, StorageLayout.SnapshotDataPrefix("old/repo", "old-repo-done"), "old-repo-done", key))
        {
            await writer.AddAsync("manifest/configmaps/namespaces/app/settings.yaml", Encoding.UTF8.GetBytes("apiVersion: v1\nkind: ConfigMap\n"));
            await writer.CommitAsync();
        }

        await layout.WriteSnapshotManifestAsync("old/repo", "old-repo-done", Encoding.UTF8.GetBytes(SnapshotCopy("old-repo-done", "Succeeded")));
        await using (var writer = await SnapshotWriter.CreateAsync(store, StorageLayout.SnapshotDataPrefix("old/repo", "old-repo-torn"), "old-repo-torn", key))
        {
            await writer.AddAsync("manifest/configmaps/namespaces/app/settings.yaml", Encoding.UTF8.GetBytes("apiVersion: v1\nkind: ConfigMap\n"));
        }

        await layout.WriteSnapshotManifestAsync("old/repo", "old-repo-torn", Encoding.UTF8.GetBytes(SnapshotCopy("old-repo-torn", "Running")));
    }

    private static string SnapshotCopy(string name, string phase) => $"""
        apiVersion: storage.kubestash.com/v1alpha1
        kind: Snapshot
        metadata:
          name: {name}
          namespace: {Ns}
          uid: 0b9f6a8e-0000-0000-0000-000000000001
          resourceVersion: "4711"
          labels:
            kubestash.com/repo-name: old-repo
            kubestash.com/invoker-name: cluster-manifests-backup
        spec:
          repository: old-repo
          session: frequent-backup
          backupSession: cluster-manifests-backup-frequent-backup-1700000000
          type: FullBackup
          version: v1
          deletionPolicy: WipeOut
          appRef:
            kind: Namespace
            name: app
        status:
          phase: {phase}
          snapshotTime: "2023-11-14T22:13:20Z"
          size: 1.5 KiB
          integrity: true
          totalComponents: 1
          components:
            manifest:
              phase: Succeeded
              path: repository/v1/frequent-backup/manifest
              size: 1.5 KiB
        """;

    [Test]
    public async Task A_storage_holding_old_backups_brings_back_its_repositories_and_committed_snapshots()
    {
        var bucket = S3TestServer.FreshBucketName();
        await SeedOldBackupsAsync(bucket);
        await env.ApplyAsync(LifecycleManifests.Namespace(Ns));
        await env.ApplyAsync(LifecycleManifests.S3Secret(Ns, env.S3));
        await env.ApplyAsync(LifecycleManifests.EncryptionSecret(Ns));
        await env.ApplyAsync(LifecycleManifests.S3Storage(Ns, "s3-storage", env.S3, bucket, deletionPolicy: "Delete"));

        Repository? repository = null;
        await LifecycleEnvironment.EventuallyAsync(async () =>
        {
            repository = await env.Client.GetAsync<Repository>("old-repo", Ns, default);
            return repository?.Status.Phase == RepositoryPhase.Ready && repository.Status.SnapshotCount == 1;
        }, "Repository old-repo recreated from repository.yaml and Ready with its snapshot", 30_000);
        repository!.Spec.Path.Should().Be("/old/repo");
        repository.Spec.StorageRef!.Name.Should().Be("s3-storage");
        repository.Spec.StorageRef.Namespace.Should().Be(Ns);
        repository.Spec.EncryptionSecret!.Name.Should().Be("encryption-secret");
        repository.Spec.DeletionPolicy.Should().Be(DeletionPolicy.WipeOut);
        repository.Status.LastBackupTime.Should().Be(new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc));

        var snapshots = (await env.Client.ListAsync<Snapshot>(Ns, null, default)).Items;
        var snapshot = snapshots.Should().ContainSingle("the half-written snapshot has no commit record").Which;
        snapshot.Metadata.Name.Should().Be("old-repo-done");
        snapshot.Metadata.Uid.Should().NotBe("0b9f6a8e-0000-0000-0000-000000000001");
        snapshot.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "Repository" && o.Name == "old-repo" && o.Uid == repository.Metadata.Uid);
        snapshot.Metadata.Labels.Should().Contain("kubestash.com/repo-name", "old-repo");
        snapshot.Spec.AppRef!.Name.Should().Be("app");
        snapshot.Status.Phase.Should().Be(SnapshotPhase.Succeeded);
        snapshot.Status.Components!["manifest"].Path.Should().Be("repository/v1/frequent-backup/manifest");

        // The Repository can be Ready before the BackupStorage's reconcile that recreated it has written its status.
        Condition? synced = null;
        await LifecycleEnvironment.EventuallyAsync(async () =>
        {
            var storage = await env.Client.GetAsync<BackupStorage>("s3-storage", Ns, default);
            synced = storage?.Status.Conditions?.SingleOrDefault(c => c.Type == BackupStorageController.RepositoriesSynced);
            return synced is not null;
        }, "the BackupStorage reports RepositoriesSynced");
        synced!.Status.ToString().Should().Be("False", "the other repository's namespace does not exist yet");
        synced.Message.Should().Contain($"namespace \"{Absent}\" does not exist").And.Contain("2 repository directories in the storage");

        await env.ApplyAsync(LifecycleManifests.Namespace(Absent));
        await LifecycleEnvironment.EventuallyAsync(
            async () => await env.Client.GetAsync<Repository>("other-repo", Absent, default) is not null,
            "the other Repository comes back once its namespace exists", 25_000);
        await LifecycleEnvironment.EventuallyAsync(async () =>
        {
            var s = await env.Client.GetAsync<BackupStorage>("s3-storage", Ns, default);
            return s!.Status.Conditions!.Any(c => c.Type == BackupStorageController.RepositoriesSynced && c.Status.ToString() == "True");
        }, "RepositoriesSynced True", 10_000);
        (await env.Client.ListAsync<Snapshot>(Ns, null, default)).Items.Should().ContainSingle("nothing was created twice");
    }
}

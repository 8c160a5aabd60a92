using System.Text.Json.Nodes;
using k8s;
using KubeStash.Storage;
using KubeStash.Storage.Crypto;
using KubeStash.Storage.Layout;
using KubeStash.Storage.Snapshots;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Dumper;

/// <summary>
/// The backup Job against objects created by hand as the operator would: BackupStorage (local directory or the real S3
/// server), Secrets, Repository (initialised in storage), BackupConfiguration, BackupSession and Snapshot.
/// </summary>
public sealed class JobModeTests
{
    private const string Password = "correct horse battery staple";
    private SeededCluster cluster = null!;
    private string storageRoot = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        cluster = await SeededCluster.StartAsync();
        await cluster.Server.LoadYamlAsync(KubeStashCrds.Yaml);
        await cluster.Server.LoadYamlAsync("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: demo}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: encryption-secret, namespace: demo}
            stringData: {RESTIC_PASSWORD: "correct horse battery staple"}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: wrong-password, namespace: demo}
            stringData: {RESTIC_PASSWORD: "not it"}
            """);
        storageRoot = Path.Combine(Path.GetTempPath(), "dumper-job-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(storageRoot);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await cluster.DisposeAsync();
        Directory.Delete(storageRoot, recursive: true);
    }

    [Test]
    public async Task Local_storage_snapshot_is_committed_verified_and_marked_succeeded()
    {
        var mount = Path.Combine(storageRoot, "local");
        var storage = new BackupStorageOptions { Name = "demo/local-storage", Provider = "local", Local = new LocalStorageOptions { MountPath = mount } };
        await CreateSessionAsync("local", $$"""{"provider": "local", "local": {"mountPath": "{{mount}}"} }""", storage, null, "encryption-secret");

        var run = await cluster.RunAsync(null, "backup", "--namespace=demo", "--backupsession=local-session", "--scratch-dir=", "--enable-cache=false");

        run.ExitCode.Should().Be(0, run.Stderr + run.Stdout);
        var component = await ManifestComponentAsync("local-snapshot");
        component["phase"]!.GetValue<string>().Should().Be("Succeeded");
        component["integrity"]!.GetValue<bool>().Should().BeTrue();
        component["path"]!.GetValue<string>().Should().Be(StorageLayout.SnapshotDataPrefix("local-repo", "local-snapshot"));
        component["size"]!.GetValue<string>().Should().MatchRegex(@"^\d+(\.\d+)? (B|KiB|MiB)$");
        component["duration"]!.GetValue<string>().Should().EndWith("s");
        await using var store = new ObjectStoreFactory().Create(storage, null);
        var entries = await VerifiedEntriesAsync(store, "local-repo", "local-snapshot");
        entries.Should().Equal(SeededCluster.ShopNamespaceFiles);
        (await new StorageLayout(store).ReadSnapshotManifestAsync("local-repo", "local-snapshot")).Should().BeNull(
            "the copy of the Snapshot object is the operator's to write, once the Snapshot's status is final");
    }

    [Test]
    public async Task A_running_backup_shows_the_yaml_collected_so_far_in_the_snapshot_status()
    {
        var mount = Path.Combine(storageRoot, "progress");
        var storage = new BackupStorageOptions { Name = "demo/progress-storage", Provider = "local", Local = new LocalStorageOptions { MountPath = mount } };
        await CreateSessionAsync("progress", $$"""{"provider": "local", "local": {"mountPath": "{{mount}}"} }""", storage, null, null);
        var seen = new List<(string? Phase, string? Size, string? Duration)>();
        using var stopWatching = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            while (!stopWatching.IsCancellationRequested)
            {
                var component = await ManifestComponentOrNullAsync("progress-snapshot");
                seen.Add((component?["phase"]?.GetValue<string>(), component?["size"]?.GetValue<string>(), component?["duration"]?.GetValue<string>()));
                await Task.Delay(20);
            }
        });

        // Every request answered late: the dump takes long enough for several progress reports.
        cluster.Server.Faults.Latency = TimeSpan.FromMilliseconds(100);
        DumperRun run;
        try
        {
            run = await cluster.RunAsync(null, "backup", "--namespace=demo", "--backupsession=progress-session", "--progress-interval=00:00:00.2");
        }
        finally
        {
            cluster.Server.Faults.Latency = TimeSpan.Zero;
            await stopWatching.CancelAsync();
            await watching;
        }

        run.ExitCode.Should().Be(0, run.Stderr + run.Stdout);
        var running = seen.Where(s => s.Phase == "Running" && s.Size is not null).ToList();
        running.Should().NotBeEmpty("a Running component shows its size and duration while the dump goes on");
        running.Should().OnlyContain(s => s.Duration != null && s.Duration.EndsWith('s'));
        var final = await ManifestComponentAsync("progress-snapshot");
        final["phase"]!.GetValue<string>().Should().Be("Succeeded", "no progress report lands after the final status");
        seen.SkipWhile(s => s.Phase != "Succeeded").Should().OnlyContain(s => s.Phase == "Succeeded");
    }

    [Test]
    public async Task A_failure_after_progress_reports_leaves_no_size_on_the_failed_component()
    {
        await CreateSessionAsync("halfway", """{"provider": "local", "local": {"mountPath": "/nowhere"} }""", null, null, null);
        var reporter = new KubeStash.Dumper.Job.SnapshotStatusReporter(cluster.Client, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        await reporter.ProgressAsync("demo", "halfway-snapshot", 12 << 20, TimeSpan.FromSeconds(42), CancellationToken.None);
        (await ManifestComponentAsync("halfway-snapshot"))["size"]!.GetValue<string>().Should().Be("12 MiB");
        await reporter.FailedAsync("demo", "halfway-snapshot", "backend went away", CancellationToken.None);

        var component = await ManifestComponentAsync("halfway-snapshot");
        component["phase"]!.GetValue<string>().Should().Be("Failed");
        component["error"]!.GetValue<string>().Should().Be("backend went away");
        component.ContainsKey("size").Should().BeFalse("nothing of a failed backup stays in storage");
        component["duration"]!.GetValue<string>().Should().Be("42s", "how long it ran before failing is still worth knowing");
    }

    [Test]
    public async Task S3_storage_snapshot_is_committed_and_marked_succeeded()
    {
        var s3 = await S3TestServer.GetAsync();
        var bucket = S3TestServer.FreshBucketName();
        await cluster.Server.LoadYamlAsync($$"""
            apiVersion: v1
            kind: Secret
            metadata: {name: s3-credentials, namespace: demo}
            stringData: {AWS_ACCESS_KEY_ID: "{{s3.AccessKey}}", AWS_SECRET_ACCESS_KEY: "{{s3.SecretKey}}"}
            """);
        var storage = s3.StorageOptions(bucket, "backups", name: "demo/s3-storage");
        await CreateSessionAsync(
            "s3",
            $$"""{"provider": "s3", "s3": {"endpoint": "{{s3.Endpoint}}", "bucket": "{{bucket}}", "prefix": "backups", "secretName": "s3-credentials"} }""",
            storage,
            s3.SecretData,
            "encryption-secret");

        var run = await cluster.RunAsync(null, "backup", "--namespace=demo", "--backupsession=s3-session", "--include-resources=configmaps,namespaces");

        run.ExitCode.Should().Be(0, run.Stderr + run.Stdout);
        (await ManifestComponentAsync("s3-snapshot"))["phase"]!.GetValue<string>().Should().Be("Succeeded");
        await using var store = new ObjectStoreFactory().Create(storage, s3.SecretData);
        (await VerifiedEntriesAsync(store, "s3-repo", "s3-snapshot")).Should().Equal(
            "manifest/configmaps/namespaces/shop/unrelated.yaml",
            "manifest/configmaps/namespaces/shop/web-config.yaml",
            "manifest/namespaces/cluster/shop.yaml");
    }

    [Test]
    public async Task Unreachable_backend_marks_the_component_failed_naming_the_backend_and_commits_nothing()
    {
        var s3 = await S3TestServer.GetAsync();
        var port = FreePorts.Take(1)[0];
        await cluster.Server.LoadYamlAsync($$"""
            apiVersion: v1
            kind: Secret
            metadata: {name: s3-down-credentials, namespace: demo}
            stringData: {AWS_ACCESS_KEY_ID: "{{s3.AccessKey}}", AWS_SECRET_ACCESS_KEY: "{{s3.SecretKey}}"}
            """);
        await CreateSessionAsync(
            "down",
            $$"""{"provider": "s3", "s3": {"endpoint": "http://127.0.0.1:{{port}}", "bucket": "down-bucket", "secretName": "s3-down-credentials"} }""",
            storage: null,
            secretData: null,
            encryptionSecret: null);

        var run = await cluster.RunAsync(null, "backup", "--namespace=demo", "--backupsession=down-session");

        run.ExitCode.Should().NotBe(0);
        var component = await ManifestComponentAsync("down-snapshot");
        component["phase"]!.GetValue<string>().Should().Be("Failed");
        component["error"]!.GetValue<string>().Should().Contain("down-bucket");
    }

    [Test]
    public async Task Wrong_encryption_password_fails_the_snapshot_and_leaves_no_commit_record()
    {
        var mount = Path.Combine(storageRoot, "wrong");
        var storage = new BackupStorageOptions { Name = "demo/wrong-storage", Provider = "local", Local = new LocalStorageOptions { MountPath = mount } };
        await CreateSessionAsync("wrong", $$"""{"provider": "local", "local": {"mountPath": "{{mount}}"} }""", storage, null, "wrong-password");

        var run = await cluster.RunAsync(null, "backup", "--namespace=demo", "--backupsession=wrong-session");

        run.ExitCode.Should().NotBe(0);
        var component = await ManifestComponentAsync("wrong-snapshot");
        component["phase"]!.GetValue<string>().Should().Be("Failed");
        component["error"]!.GetValue<string>().Should().Contain("wrong encryption password");
        Directory.EnumerateFiles(mount, "commit.yaml", SearchOption.AllDirectories).Should().BeEmpty();
        Directory.Exists(Path.Combine(mount, "wrong-repo", "data")).Should().BeFalse();
    }

    [Test]
    public async Task Invalid_flag_value_fails_every_snapshot_of_the_session_with_the_message_and_commits_nothing()
    {
        var mount = Path.Combine(storageRoot, "badflag");
        var storage = new BackupStorageOptions { Name = "demo/badflag-storage", Provider = "local", Local = new LocalStorageOptions { MountPath = mount } };
        await CreateSessionAsync("badflag", $$"""{"provider": "local", "local": {"mountPath": "{{mount}}"} }""", storage, null, null);

        var run = await cluster.RunAsync(null, "backup", "--namespace=demo", "--backupsession=badflag-session", "--include-dependants=sometimes");

        run.ExitCode.Should().NotBe(0);
        run.Stderr.Should().Contain("--include-dependants=sometimes");
        var component = await ManifestComponentAsync("badflag-snapshot");
        component["phase"]!.GetValue<string>().Should().Be("Failed");
        component["error"]!.GetValue<string>().Should().Contain("--include-dependants=sometimes: expected true or false");
        Directory.EnumerateFiles(mount, "commit.yaml", SearchOption.AllDirectories).Should().BeEmpty();
    }

    /// <summary>
    /// BackupStorage, Repository (initialised in storage with the right password, when <paramref name="storage"/> is
    /// given), BackupConfiguration targeting Namespace shop, BackupSession and Snapshot, all named after <paramref name="name"/>.
    /// </summary>
    private async Task CreateSessionAsync(string name, string backend, BackupStorageOptions? storage, IReadOnlyDictionary<string, byte[]>? secretData, string? encryptionSecret)
    {
        if (storage is not null)
        {
            await using var store = new ObjectStoreFactory().Create(storage, secretData);
            await new StorageLayout(store).InitializeStorageAsync(new StorageIdentity { BackupStorage = storage.Name, Provider = storage.Provider });
            await new StorageLayout(store).InitializeRepositoryAsync(new RepositoryIdentity
            {
                Repository = $"demo/{name}-repo",
                BackupStorage = storage.Name,
                Path = $"{name}-repo",
                Encryption = encryptionSecret is null ? null : KeyDerivation.CreateParameters(Password, iterations: 1000),
            });
        }

        var encryption = encryptionSecret is null ? string.Empty : $$""", "encryptionSecret": {"name": "{{encryptionSecret}}", "namespace": "demo"}""";
        await cluster.Server.LoadYamlAsync($$"""
            {"apiVersion": "storage.kubestash.com/v1alpha1", "kind": "BackupStorage", "metadata": {"name": "{{name}}-storage", "namespace": "demo"},
             "spec": {"storage": {{backend}}, "deletionPolicy": "Delete"} }
            ---
            {"apiVersion": "storage.kubestash.com/v1alpha1", "kind": "Repository", "metadata": {"name": "{{name}}-repo", "namespace": "demo"},
             "spec": {"storageRef": {"name": "{{name}}-storage", "namespace": "demo"}, "path": "{{name}}-repo"{{encryption}} } }
            ---
            {"apiVersion": "core.kubestash.com/v1alpha1", "kind": "BackupConfiguration", "metadata": {"name": "{{name}}-config", "namespace": "demo"},
             "spec": {"target": {"kind": "Namespace", "name": "shop"},
                      "backends": [{"name": "backend", "storageRef": {"name": "{{name}}-storage", "namespace": "demo"} }],
                      "sessions": [{"name": "daily", "addon": {"name": "kubedump-addon", "tasks": [{"name": "manifest-backup"}]},
                                    "repositories": [{"name": "{{name}}-repo", "backend": "backend", "directory": "/shop"}]}]} }
            ---
            {"apiVersion": "core.kubestash.com/v1alpha1", "kind": "BackupSession", "metadata": {"name": "{{name}}-session", "namespace": "demo"},
             "spec": {"invoker": {"apiGroup": "core.kubestash.com", "kind": "BackupConfiguration", "name": "{{name}}-config"}, "session": "daily"} }
            ---
            {"apiVersion": "storage.kubestash.com/v1alpha1", "kind": "Snapshot", "metadata": {"name": "{{name}}-snapshot", "namespace": "demo",
              "labels": {"kubestash.com/repo-name": "{{name}}-repo"} },
             "spec": {"repository": "{{name}}-repo", "session": "daily", "backupSession": "{{name}}-session", "type": "FullBackup", "deletionPolicy": "Delete"} }
            """);
    }

    private async Task<JsonObject?> ManifestComponentOrNullAsync(string snapshot)
    {
        var json = await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("storage.kubestash.com", "v1alpha1", "demo", "snapshots", snapshot);
        return json["status"]?["components"]?["manifest"] as JsonObject;
    }

    private async Task<JsonObject> ManifestComponentAsync(string snapshot)
    {
        var json = await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("storage.kubestash.com", "v1alpha1", "demo", "snapshots", snapshot);
        return (json["status"]?["components"]?["manifest"] as JsonObject) ?? throw new AssertionException($"Snapshot {snapshot} has no status.components.manifest: {json.ToJsonString()}");
    }

    private static async Task<List<string>> VerifiedEntriesAsync(IObjectStore store, string repositoryDirectory, string snapshot)
    {
        var identity = await new StorageLayout(store).ReadRepositoryAsync(repositoryDirectory) ?? throw new AssertionException("repository.yaml is missing");
        using var key = identity.Encryption is null ? null : KeyDerivation.DeriveKey(Password, identity.Encryption, identity.Repository);
        var reader = await SnapshotReader.OpenAsync(store, StorageLayout.SnapshotDataPrefix(repositoryDirectory, snapshot), key);
        var result = await reader.VerifyAsync();
        result.VerifiedEntries.Should().Be(reader.Commit.Entries);
        var entries = new List<string>();
        await foreach (var entry in reader.ReadIndexAsync())
        {
            entries.Add(entry.Path);
        }

        return [.. entries.Order(StringComparer.Ordinal)];
    }
}

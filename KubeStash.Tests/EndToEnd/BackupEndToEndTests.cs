using k8s;
using KubeStash.Entities.Common;
using KubeStash.Entities.Core;
using KubeStash.Entities.Storage;
using KubeStash.LocalCluster.Workloads;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Builders;
using KubeStash.Operator.Controllers;
using KubeStash.Storage;
using KubeStash.Storage.Layout;
using KubeStash.Storage.Snapshots;
using KubeStash.Tests.Dumper;
using KubeStash.Tests.Lifecycle;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.EndToEnd;

/// <summary>
/// Issue #7 end to end: the operator, LocalCluster's kubelet running the trigger CronJob (our trigger-backup command) and
/// the backup Job (our Dumper), a cluster of known content, and the real S3 server or a local directory. Each backup is
/// run now and must end with the Snapshot, Repository and BackupSession reporting it, and the stored snapshot holding
/// exactly the expected files.
/// </summary>
public sealed class BackupEndToEndTests
{
    private const string Ns = "e2e";
    private const string Password = "not-a-real-password";
    private const string S3 = "s3";
    private const string Local = "local";
    private const string S3Storage = "s3-storage";
    private const string LocalStorage = "local-storage";
    private const string LocalSubPath = "team-a";
    private const string ShopNamespaceTarget = "  target:\n    apiGroup: \"\"\n    kind: Namespace\n    name: shop";
    private const string WebApplicationTarget = "  target:\n    apiGroup: apps\n    kind: Deployment\n    namespace: shop\n    name: web";

    /// <summary>Generous: the machine is shared, and waiting ends as soon as the condition holds.</summary>
    private const int Patience = 60_000;

    private LifecycleEnvironment env = null!;
    private string bucket = null!;
    private string localDirectory = null!;
    private string scratch = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        env = await LifecycleEnvironment.StartAsync();
        await env.StartWorkloadsAsync(new ImageMap()
            .Add(LifecycleEnvironment.OperatorImage, OperatorCommandImage.Program)
            .Add(KubedumpImage.Image, KubedumpImage.Program));
        await SeededCluster.SeedAsync(env.Cluster);
        localDirectory = Directory.CreateTempSubdirectory("e2e-local-storage-").FullName;
        scratch = Directory.CreateTempSubdirectory("e2e-extract-").FullName;
        var samples = Path.Combine(RepositoryRoot.Path, "config", "samples");
        (await env.Kubectl.RunAsync($"apply -f {Path.Combine(samples, "addons_v1alpha1_addon_kubedump.yaml")} -f {Path.Combine(samples, "addons_v1alpha1_function_kubedump_backup.yaml")}")).ShouldSucceed();
        await env.ApplyAsync(LifecycleManifests.Namespace(Ns));
        await env.ApplyAsync(LifecycleManifests.S3Secret(Ns, env.S3));
        await env.ApplyAsync(LifecycleManifests.EncryptionSecret(Ns));
        await env.ApplyAsync(LifecycleManifests.RetentionPolicy(Ns));
        bucket = S3TestServer.FreshBucketName();
        await env.ApplyAsync(LifecycleManifests.S3Storage(Ns, S3Storage, env.S3, bucket));
        await env.ApplyAsync(EndToEndManifests.LocalStorage(Ns, LocalStorage, localDirectory, LocalSubPath));
        foreach (var storage in new[] { S3Storage, LocalStorage })
        {
            await LifecycleEnvironment.EventuallyAsync(
                async () => (await env.Client.GetAsync<BackupStorage>(storage, Ns, default))?.Status.Phase == BackupStoragePhase.Ready, $"BackupStorage {storage} Ready", Patience);
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await env.DisposeAsync();
        Directory.Delete(localDirectory, recursive: true);
        Directory.Delete(scratch, recursive: true);
    }

    [TestCase(S3, true)]
    [TestCase(Local, false)]
    public async Task Cluster_backup_stores_every_object_outside_the_backup_namespace_including_the_crd_and_its_instances(string backend, bool encrypted)
    {
        var parameters = new Dictionary<string, string>
        {
            ["IncludeClusterResources"] = "true",
            ["ExcludeNamespaces"] = Ns,
            ["ExcludeResources"] = "events,events.events.k8s.io",
        };
        var name = $"cluster-{backend}";
        var stored = await BackUpAsync(name, backend, target: string.Empty, parameters, encrypted);

        // What the test itself put in the cluster besides the seeded content: KubeStash's CRDs and the kubedump Addon and Function.
        var kubeStashCrds = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "config", "crd", "bases"), "*.yaml")
            .Select(f => Path.GetFileNameWithoutExtension(f).Split('_'))
            .Select(p => $"manifest/customresourcedefinitions.apiextensions.k8s.io/cluster/{p[1]}.{p[0]}.yaml");
        string[] expected =
        [
            .. SeededCluster.AllFiles, .. kubeStashCrds,
            "manifest/addons.addons.kubestash.com/cluster/kubedump-addon.yaml",
            "manifest/functions.addons.kubestash.com/cluster/kubedump-backup.yaml",
        ];
        stored.Files.Should().Equal(expected.Order(StringComparer.Ordinal));
        stored.Read("manifest/customresourcedefinitions.apiextensions.k8s.io/cluster/widgets.example.com.yaml").Should().Contain("group: example.com").And.Contain("kind: Widget");
        stored.Read("manifest/widgets.example.com/namespaces/blog/w2.yaml").Should().StartWith("apiVersion: example.com/v1\nkind: Widget\n").And.Contain("size: 5");
        stored.Read("manifest/clusterroles.rbac.authorization.k8s.io/cluster/shop-reader.yaml").Should().Contain("team: shop");
        stored.Read("manifest/configmaps/namespaces/blog/blog-config.yaml").Should().Contain("line one").And.NotContain("uid:").And.NotContain("resourceVersion:");
    }

    [TestCase(S3, false)]
    [TestCase(Local, true)]
    public async Task Namespace_backup_stores_the_namespace_and_exactly_its_objects(string backend, bool encrypted)
    {
        var name = $"namespace-{backend}";
        var stored = await BackUpAsync(name, backend, ShopNamespaceTarget, new Dictionary<string, string> { ["sanitize"] = "true" }, encrypted);

        stored.Files.Should().Equal(SeededCluster.ShopNamespaceFiles);
        stored.Read("manifest/secrets/namespaces/shop/web-secret.yaml").Should().Contain("password: czNjcmV0", "stringData s3cret is stored as data");
        stored.Read("manifest/widgets.example.com/namespaces/shop/w1.yaml").Should().Contain("size: 3").And.Contain("app: web");
        stored.Read("manifest/services/namespaces/shop/web.yaml").Should().NotContain("clusterIP").And.NotContain("creationTimestamp");
    }

    [TestCase(S3, true)]
    [TestCase(Local, false)]
    public async Task Application_backup_with_dependants_stores_the_owner_tree_and_what_its_pods_reference(string backend, bool encrypted)
    {
        var name = $"application-{backend}";
        var stored = await BackUpAsync(name, backend, WebApplicationTarget, new Dictionary<string, string> { ["includeDependants"] = "true" }, encrypted);

        stored.Files.Should().Equal(SeededCluster.WebApplicationFiles);
        stored.Read("manifest/deployments.apps/namespaces/shop/web.yaml").Should().StartWith("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n");
        stored.Read("manifest/pods/namespaces/shop/web-5d9-abcde.yaml").Should().Contain("serviceAccountName: web-sa").And.NotContain("nodeName").And.NotContain("ownerReferences");
        stored.Read("manifest/configmaps/namespaces/shop/web-config.yaml").Should().Contain("enabled: \"true\"");
    }

    [Test]
    public async Task A_second_backup_to_the_same_encrypted_repository_is_a_second_committed_snapshot_with_the_new_content()
    {
        const string name = "twice";
        var placement = new RepositoryPlacement($"{name}-repo", S3Storage, name, Encrypted: true);
        var parameters = new Dictionary<string, string> { ["IncludeResources"] = "configmaps" };
        var first = await RunAsync(name, ShopNamespaceTarget, parameters, placement);
        first.Status.Phase.Should().Be(BackupSessionPhase.Succeeded, first.Status.Conditions?.LastOrDefault()?.Message);
        await using (var initialized = OpenStore(S3))
        {
            // The operator made the repository without deriving its key; the first backup Job recorded the key check.
            var identity = await new StorageLayout(initialized).ReadRepositoryAsync(name);
            identity!.Encryption!.KeyCheck.Should().BeEmpty();
            (await initialized.StatAsync($"{name}/{StorageLayout.KeyCheckFile}", CancellationToken.None)).Should().NotBeNull();
            var wrong = async () => await new StorageLayout(initialized).OpenKeyAsync(identity, "not the password", recordKeyCheck: false);
            await wrong.Should().ThrowAsync<KubeStash.Storage.Crypto.WrongPasswordException>();
        }

        await env.ApplyAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: added-later, namespace: shop}
            data: {when: second}
            """);

        BackupSession second;
        try
        {
            // Session names carry the unix second: a trigger within the same second as the previous one is the same session.
            await Task.Delay(1100);
            second = await RunNowAsync(name);
        }
        finally
        {
            // The other tests expect the seeded content.
            await env.Kubernetes.CoreV1.DeleteNamespacedConfigMapAsync("added-later", "shop");
        }

        second.Status.Phase.Should().Be(BackupSessionPhase.Succeeded, second.Status.Conditions?.LastOrDefault()?.Message);
        var snapshots = (await env.Client.ListAsync<Snapshot>(Ns, $"{KubeStashLabels.RepoName}={placement.Name}", default)).Items;
        snapshots.Should().HaveCount(2).And.OnlyContain(s => s.Status.Phase == SnapshotPhase.Succeeded);
        Repository? repository = null;
        await LifecycleEnvironment.EventuallyAsync(
            async () => (repository = await env.Client.GetAsync<Repository>(placement.Name, Ns, default))?.Status.SnapshotCount == 2,
            "Repository counts both snapshots",
            Patience);
        SizeFormat.Parse(repository!.Status.Size).Should().Be(snapshots.Sum(s => SizeFormat.Parse(s.Status.Size)));
        repository.Status.RecentSnapshots!.Select(r => r.Name).Should().BeEquivalentTo(snapshots.Select(s => s.Metadata.Name));

        await using var store = OpenStore(S3);
        var committed = new List<string>();
        await foreach (var snapshot in new StorageLayout(store).ListCommittedSnapshotsAsync(name))
        {
            committed.Add(snapshot);
        }

        committed.Should().BeEquivalentTo(snapshots.Select(s => s.Metadata.Name));
        var older = await ExtractAsync(S3, placement, first.Status.Snapshots!.Single().Name!);
        var newer = await ExtractAsync(S3, placement, second.Status.Snapshots!.Single().Name!);
        older.Files.Should().Equal("manifest/configmaps/namespaces/shop/unrelated.yaml", "manifest/configmaps/namespaces/shop/web-config.yaml");
        newer.Files.Should().Equal(
            "manifest/configmaps/namespaces/shop/added-later.yaml", "manifest/configmaps/namespaces/shop/unrelated.yaml", "manifest/configmaps/namespaces/shop/web-config.yaml");
        newer.Read("manifest/configmaps/namespaces/shop/added-later.yaml").Should().Contain("when: second");
    }

    [Test]
    public async Task A_workload_target_with_an_empty_namespace_is_the_workload_in_the_backup_configurations_namespace()
    {
        await env.ApplyAsync($$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: solo, namespace: {{{Ns}}}, labels: {app: solo}}
            spec:
              replicas: 0
              selector: {matchLabels: {app: solo}}
              template:
                metadata: {labels: {app: solo}}
                spec: {containers: [{name: solo, image: "nginx:1.27"}]}
            """);
        const string target = "  target:\n    apiGroup: apps\n    kind: Deployment\n    namespace: \"\"\n    name: solo";

        var stored = await BackUpAsync("empty-namespace-local", Local, target, new Dictionary<string, string>(), encrypted: false);

        stored.Files.Should().Equal($"manifest/deployments.apps/namespaces/{Ns}/solo.yaml");
    }

    [Test]
    public async Task Label_selector_and_resource_params_reach_the_dumper_through_the_function_args()
    {
        var parameters = new Dictionary<string, string>
        {
            ["ORedLabelSelectors"] = "app:db,tier=frontend",
            ["IncludeResources"] = "configmaps,secrets,services",
        };
        var stored = await BackUpAsync("selected-local", Local, ShopNamespaceTarget, parameters, encrypted: false);

        stored.Files.Should().Equal(
            "manifest/configmaps/namespaces/shop/web-config.yaml",
            "manifest/secrets/namespaces/shop/db-secret.yaml",
            "manifest/services/namespaces/shop/db.yaml");
    }

    [Test]
    public async Task One_session_to_an_encrypted_s3_and_a_local_repository_stores_the_same_files_in_both()
    {
        const string name = "two-backends";
        var s3 = new RepositoryPlacement($"{name}-s3-repo", S3Storage, $"{name}-s3", Encrypted: true);
        var local = new RepositoryPlacement($"{name}-local-repo", LocalStorage, $"{name}-local", Encrypted: false);
        var session = await RunAsync(name, WebApplicationTarget, new Dictionary<string, string> { ["includeDependants"] = "true" }, s3, local);

        session.Status.Phase.Should().Be(BackupSessionPhase.Succeeded, session.Status.Conditions?.LastOrDefault()?.Message);
        session.Status.TotalSnapshots.Should().Be(2);
        await CheckJobVolumesAsync(session, local: true);
        var inS3 = await CheckSucceededAsync(session, s3);
        var inLocal = await CheckSucceededAsync(session, local);
        inS3.Files.Should().Equal(SeededCluster.WebApplicationFiles);
        inLocal.Files.Should().Equal(SeededCluster.WebApplicationFiles);
        foreach (var file in SeededCluster.WebApplicationFiles)
        {
            inLocal.Read(file).Should().Be(inS3.Read(file), $"{file} is dumped once for both repositories");
        }
    }

    [Test]
    public async Task A_backup_job_that_runs_out_of_time_before_the_dumper_reports_fails_the_session_and_its_snapshot()
    {
        // An image the kubelet has no program for: the pod never starts, so only backupTimeout ends the Job.
        await env.ApplyAsync("""
            apiVersion: addons.kubestash.com/v1alpha1
            kind: Function
            metadata: {name: never-starts-backup}
            spec:
              image: registry.invalid/never-starts:v1
              args: [backup]
            ---
            apiVersion: addons.kubestash.com/v1alpha1
            kind: Addon
            metadata: {name: never-starts-addon}
            spec:
              backupTasks:
              - {name: manifest-backup, function: never-starts-backup, driver: Restic, executor: Job, singleton: true}
            """);
        const string name = "timed-out";
        var manifest = EndToEndManifests.BackupConfiguration(Ns, name, ShopNamespaceTarget, new Dictionary<string, string>(), new RepositoryPlacement($"{name}-repo", LocalStorage, name, Encrypted: false))
            .Replace("name: kubedump-addon", "name: never-starts-addon", StringComparison.Ordinal)
            .Replace("sessionHistoryLimit: 2", "sessionHistoryLimit: 2\n    backupTimeout: 2s", StringComparison.Ordinal);
        BackupSession session;
        try
        {
            await env.ApplyAsync(manifest);
            await LifecycleEnvironment.EventuallyAsync(
                async () => (await env.Client.GetAsync<BackupConfiguration>(name, Ns, default))?.Status.Phase == BackupInvokerPhase.Ready, $"BackupConfiguration {name} Ready", Patience);
            session = await RunNowAsync(name);
        }
        finally
        {
            // The cluster backup expects only the kubedump Addon and Function.
            (await env.Kubectl.RunAsync("delete addon.addons.kubestash.com/never-starts-addon function.addons.kubestash.com/never-starts-backup")).ShouldSucceed();
        }

        session.Status.Phase.Should().Be(BackupSessionPhase.Failed);
        session.Status.Conditions!.Should().Contain(c => c.Type == BackupSessionController.BackupFinished && c.Reason == "BackupJobFailed");
        var snapshotName = session.Status.Snapshots!.Single().Name!;
        Snapshot? snapshot = null;
        await LifecycleEnvironment.EventuallyAsync(
            async () => (snapshot = await env.Client.GetAsync<Snapshot>(snapshotName, Ns, default))?.Status.Phase == SnapshotPhase.Failed,
            "the Snapshot no Dumper reported is Failed, not left Pending",
            Patience);
        var component = snapshot!.Status.Components![BackupSessionController.ManifestComponent];
        component.Phase.Should().Be(ComponentPhase.Failed);
        component.Error.Should().Contain($"backup Job {BackupJobBuilder.JobName(session)} failed").And.Contain("DeadlineExceeded");
    }

    [Test]
    public async Task An_invalid_parameter_fails_the_snapshot_with_the_dumper_error_and_the_session_and_stores_no_snapshot()
    {
        const string name = "invalid-param";
        var session = await RunAsync(
            name, ShopNamespaceTarget, new Dictionary<string, string> { ["includeDependants"] = "sometimes" }, new RepositoryPlacement($"{name}-repo", LocalStorage, name, Encrypted: false));

        session.Status.Phase.Should().Be(BackupSessionPhase.Failed);
        var snapshotName = session.Status.Snapshots!.Single().Name!;
        var snapshot = (await env.Client.GetAsync<Snapshot>(snapshotName, Ns, default))!;
        snapshot.Status.Phase.Should().Be(SnapshotPhase.Failed);
        var component = snapshot.Status.Components!["manifest"];
        component.Phase.Should().Be(ComponentPhase.Failed);
        component.Error.Should().Contain("--include-dependants=sometimes: expected true or false");
        session.Status.Conditions!.Should().Contain(c => c.Type == BackupSessionController.BackupFinished && c.Reason == "SnapshotFailed"
            && c.Message!.Contains(snapshotName) && c.Message.Contains("--include-dependants=sometimes"));
        await using var store = OpenStore(Local);
        var committed = new List<string>();
        await foreach (var committedSnapshot in new StorageLayout(store).ListCommittedSnapshotsAsync(name))
        {
            committed.Add(committedSnapshot);
        }

        committed.Should().BeEmpty();
        Directory.Exists(Path.Combine(localDirectory, LocalSubPath, name, "data", snapshotName)).Should().BeFalse("nothing of the failed snapshot is uploaded");
    }

    [Test]
    public async Task A_failed_session_is_retried_as_a_new_session_whose_dumper_fails_the_same_way_and_then_retries_stop()
    {
        const string name = "retried";
        var first = await RunAsync(
            name, ShopNamespaceTarget, new Dictionary<string, string> { ["sanitize"] = "maybe" }, maxRetry: 1, new RepositoryPlacement($"{name}-repo", LocalStorage, name, Encrypted: false));
        first.Status.Phase.Should().Be(BackupSessionPhase.Failed);
        first.Spec.RetryLeft.Should().Be(1);

        BackupSession? retry = null;
        await LifecycleEnvironment.EventuallyAsync(
            async () =>
            {
                retry = (await env.Client.ListAsync<BackupSession>(Ns, null, default)).Items.FirstOrDefault(s => s.Spec.Invoker?.Name == name && s.Metadata.Name != first.Metadata.Name);
                return retry?.Status.Phase is BackupSessionPhase.Succeeded or BackupSessionPhase.Failed;
            },
            "the retry session finished",
            Patience,
            () => env.DescribePodsAsync(Ns));
        retry!.Status.Phase.Should().Be(BackupSessionPhase.Failed);
        retry.Spec.RetryLeft.Should().Be(0);
        var snapshots = (await env.Client.ListAsync<Snapshot>(Ns, $"{KubeStashLabels.RepoName}={name}-repo", default)).Items;
        snapshots.Select(s => s.Spec.BackupSession).Should().BeEquivalentTo([first.Metadata.Name, retry.Metadata.Name]);
        snapshots.Should().OnlyContain(s => s.Status.Phase == SnapshotPhase.Failed && s.Status.Components!["manifest"].Error!.Contains("--sanitize=maybe"));

        // No third session: the retry had no retries left.
        await Task.Delay(2500);
        (await env.Client.ListAsync<BackupSession>(Ns, null, default)).Items.Count(s => s.Spec.Invoker?.Name == name).Should().Be(2);
        await using var store = OpenStore(Local);
        await foreach (var committed in new StorageLayout(store).ListCommittedSnapshotsAsync(name))
        {
            Assert.Fail($"snapshot {committed} of a failed session is committed");
        }
    }

    private static string StorageOf(string backend) => backend == S3 ? S3Storage : LocalStorage;

    private IObjectStore OpenStore(string backend) => backend == S3
        ? new ObjectStoreFactory().Create(env.S3.StorageOptions(bucket, "/manifests"), env.S3.SecretData)
        : new ObjectStoreFactory().Create(new BackupStorageOptions { Name = $"{Ns}/{LocalStorage}", Provider = "local", Local = new LocalStorageOptions { MountPath = localDirectory, SubPath = LocalSubPath } }, null);

    /// <summary>Applies the BackupConfiguration, runs its session now and returns the finished BackupSession.</summary>
    private Task<BackupSession> RunAsync(string name, string target, Dictionary<string, string> parameters, params RepositoryPlacement[] repositories)
        => RunAsync(name, target, parameters, maxRetry: 0, repositories);

    private async Task<BackupSession> RunAsync(string name, string target, Dictionary<string, string> parameters, int maxRetry, params RepositoryPlacement[] repositories)
    {
        await env.ApplyAsync(EndToEndManifests.BackupConfiguration(Ns, name, target, parameters, maxRetry, repositories));
        await LifecycleEnvironment.EventuallyAsync(
            async () => (await env.Client.GetAsync<BackupConfiguration>(name, Ns, default))?.Status.Phase == BackupInvokerPhase.Ready,
            $"BackupConfiguration {name} Ready",
            Patience,
            onTimeout: async () => string.Join("; ", (await env.Client.GetAsync<BackupConfiguration>(name, Ns, default))?.Status.Conditions?.Select(c => $"{c.Type}={c.Status} {c.Message}") ?? []));
        return await RunNowAsync(name);
    }

    /// <summary>Runs the trigger CronJob of BackupConfiguration <paramref name="name"/> now and returns its new BackupSession once finished.</summary>
    private async Task<BackupSession> RunNowAsync(string name)
    {
        var session = await env.RunNowAsync(Ns, ObjectNames.TriggerCronJob(name, EndToEndManifests.Session), invoker: name, Patience);
        return await env.FinishedAsync(Ns, session.Metadata.Name, Patience);
    }

    /// <summary>Runs a backup to one repository <c>&lt;name&gt;-repo</c> (directory <c>/&lt;name&gt;</c>) and checks it (<see cref="CheckSucceededAsync"/>).</summary>
    private async Task<StoredSnapshot> BackUpAsync(string name, string backend, string target, Dictionary<string, string> parameters, bool encrypted)
    {
        var repository = new RepositoryPlacement($"{name}-repo", StorageOf(backend), name, encrypted);
        var session = await RunAsync(name, target, parameters, repository);
        session.Status.Phase.Should().Be(BackupSessionPhase.Succeeded, session.Status.Conditions?.LastOrDefault()?.Message);
        session.Status.TotalSnapshots.Should().Be(1);
        await CheckJobVolumesAsync(session, backend == Local);
        return await CheckSucceededAsync(session, repository);
    }

    /// <summary>
    /// What the cluster reports for one repository of a succeeded session (session, Snapshot and its manifest component,
    /// Repository), then the stored snapshot opened with the storage reader.
    /// </summary>
    private async Task<StoredSnapshot> CheckSucceededAsync(BackupSession session, RepositoryPlacement placement)
    {
        session.Status.Duration.Should().NotBeNullOrEmpty();
        session.Status.Conditions!.Should().Contain(c => c.Type == BackupSessionController.BackupFinished && c.Status == ConditionStatus.True && c.Reason == "BackupSucceeded");
        var sessionSnapshot = session.Status.Snapshots!.Single(s => s.Repository == placement.Name);
        sessionSnapshot.Phase.Should().Be(SnapshotPhase.Succeeded);

        var snapshot = (await env.Client.GetAsync<Snapshot>(sessionSnapshot.Name!, Ns, default))!;
        snapshot.Status.Phase.Should().Be(SnapshotPhase.Succeeded);
        snapshot.Status.Integrity.Should().BeTrue();
        snapshot.Status.SnapshotTime.Should().NotBeNull();
        var component = snapshot.Status.Components!["manifest"];
        component.Phase.Should().Be(ComponentPhase.Succeeded);
        component.Integrity.Should().BeTrue();
        component.Error.Should().BeNullOrEmpty();
        component.Path.Should().Be(StorageLayout.SnapshotDataPrefix(placement.Directory, snapshot.Metadata.Name));
        var bytes = SizeFormat.Parse(component.Size);
        bytes.Should().BeGreaterThan(0, $"size \"{component.Size}\" is the stored archive and index");
        snapshot.Status.Size.Should().Be(component.Size);

        Repository? repository = null;
        await LifecycleEnvironment.EventuallyAsync(
            async () =>
            {
                repository = await env.Client.GetAsync<Repository>(placement.Name, Ns, default);
                return repository?.Status.SnapshotCount == 1 && repository.Status.LastBackupTime is not null && repository.Status.RecentSnapshots?.Any(r => r.Name == snapshot.Metadata.Name) == true;
            },
            $"Repository {placement.Name} reports the snapshot",
            Patience);
        repository!.Status.Size.Should().Be(component.Size);
        repository.Status.RecentSnapshots!.Single().Phase.Should().Be(SnapshotPhase.Succeeded);

        return await ReadStoredAsync(placement.Storage == S3Storage ? S3 : Local, placement, snapshot.Metadata.Name);
    }

    /// <summary>The backup Job's pod mounts the local BackupStorage's hostPath volume at its mountPath, and nothing for S3.</summary>
    private async Task CheckJobVolumesAsync(BackupSession session, bool local)
    {
        var job = await env.Kubernetes.BatchV1.ReadNamespacedJobAsync(BackupJobBuilder.JobName(session), Ns);
        var storageVolumes = job.Spec.Template.Spec.Volumes.Where(v => v.HostPath is not null).ToList();
        var storageMounts = job.Spec.Template.Spec.Containers.Single().VolumeMounts.Where(m => m.Name.StartsWith("storage-", StringComparison.Ordinal)).ToList();
        if (local)
        {
            storageVolumes.Should().ContainSingle(v => v.Name == $"storage-{Ns}-{LocalStorage}" && v.HostPath.Path == localDirectory);
            storageMounts.Should().ContainSingle(m => m.Name == $"storage-{Ns}-{LocalStorage}" && m.MountPath == localDirectory);
        }
        else
        {
            storageVolumes.Should().BeEmpty();
            storageMounts.Should().BeEmpty();
        }
    }

    /// <summary>The repository holds exactly this one committed snapshot, which reads back as <see cref="ExtractAsync"/> checks.</summary>
    private async Task<StoredSnapshot> ReadStoredAsync(string backend, RepositoryPlacement placement, string snapshot)
    {
        await using (var store = OpenStore(backend))
        {
            var committed = new List<string>();
            await foreach (var name in new StorageLayout(store).ListCommittedSnapshotsAsync(placement.Directory))
            {
                committed.Add(name);
            }

            committed.Should().Equal(snapshot);
        }

        return await ExtractAsync(backend, placement, snapshot);
    }

    /// <summary>
    /// Opens the snapshot with the storage reader (with the key derived from the encryptionSecret's password when the
    /// repository is encrypted, and checking it cannot be opened without), verifies every entry and extracts it.
    /// </summary>
    private async Task<StoredSnapshot> ExtractAsync(string backend, RepositoryPlacement placement, string snapshot)
    {
        await using var store = OpenStore(backend);
        var layout = new StorageLayout(store);
        (await layout.ReadSnapshotManifestAsync(placement.Directory, snapshot)).Should().NotBeNull("a copy of the Snapshot goes next to its data");
        var identity = await layout.ReadRepositoryAsync(placement.Directory) ?? throw new AssertionException($"{placement.Directory}/repository.yaml is missing");
        var prefix = StorageLayout.SnapshotDataPrefix(placement.Directory, snapshot);
        if (placement.Encrypted)
        {
            identity.Encryption.Should().NotBeNull("the repository has an encryptionSecret");
            var withoutKey = async () => await SnapshotReader.OpenAsync(store, prefix, null);
            await withoutKey.Should().ThrowAsync<Exception>("the snapshot cannot be read without the repository key");
        }
        else
        {
            identity.Encryption.Should().BeNull();
        }

        using var key = identity.Encryption is null ? null : await new StorageLayout(store).OpenKeyAsync(identity, Password, recordKeyCheck: false);
        var reader = await SnapshotReader.OpenAsync(store, prefix, key);
        var directory = Path.Combine(scratch, placement.Directory, snapshot);
        var result = await reader.ExtractToDirectoryAsync(directory);
        result.VerifiedEntries.Should().Be(reader.Commit.Entries);
        return new StoredSnapshot(directory, SeededCluster.Files(directory));
    }

    /// <summary>A snapshot extracted to a directory: its files (relative, sorted) and their text.</summary>
    private sealed record StoredSnapshot(string Directory, string[] Files)
    {
        public string Read(string path) => File.ReadAllText(System.IO.Path.Combine(Directory, path));
    }
}

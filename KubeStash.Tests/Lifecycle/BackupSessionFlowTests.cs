using k8s;
using KubeStash.Entities.Core;
using KubeStash.Entities.Storage;
using KubeStash.LocalCluster.Workloads;
using KubeStash.Operator.Backup;
using KubeStash.Storage;
using KubeStash.Storage.Layout;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Lifecycle;

/// <summary>
/// Seed steps 8–15: the trigger CronJob run now (its pod runs the operator's trigger-backup sub-command in LocalCluster's
/// kubelet) → BackupSession → Snapshot → backup Job (run by a stand-in Dumper) → Succeeded, across an operator restart.
/// </summary>
public sealed class BackupSessionFlowTests
{
    private const string Ns = "flow";
    private const string Config = "cluster-manifests-backup";
    private const string CronJob = "trigger-cluster-manifests-backup-frequent-backup";
    private readonly FakeDumper dumper = new();
    private LifecycleEnvironment env = null!;
    private string bucket = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        env = await LifecycleEnvironment.StartAsync();
        await env.StartWorkloadsAsync(new ImageMap()
            .Add(LifecycleEnvironment.OperatorImage, OperatorCommandImage.Program)
            .Add("ghcr.io/kubestash-dotnet/kubedump", dumper.Program));
        var samples = Path.Combine(RepositoryRoot.Path, "config", "samples");
        (await env.Kubectl.RunAsync($"apply -f {Path.Combine(samples, "addons_v1alpha1_addon_kubedump.yaml")} -f {Path.Combine(samples, "addons_v1alpha1_function_kubedump_backup.yaml")}")).ShouldSucceed();
        await env.ApplyAsync(LifecycleManifests.Namespace(Ns));
        await env.ApplyAsync(LifecycleManifests.S3Secret(Ns, env.S3));
        await env.ApplyAsync(LifecycleManifests.EncryptionSecret(Ns));
        await env.ApplyAsync(LifecycleManifests.RetentionPolicy(Ns));
        bucket = S3TestServer.FreshBucketName();
        await env.ApplyAsync(LifecycleManifests.S3Storage(Ns, "s3-storage", env.S3, bucket));
        await env.ApplyAsync(LifecycleManifests.BackupConfiguration(Ns, "s3-storage"));
        await LifecycleEnvironment.EventuallyAsync(
            async () => (await env.Client.GetAsync<BackupConfiguration>(Config, Ns, default))?.Status.Phase == BackupInvokerPhase.Ready, "BackupConfiguration Ready");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await env.DisposeAsync();

    private Task<BackupSession> RunNowAsync() => env.RunNowAsync(Ns, CronJob);

    private Task<BackupSession> FinishedAsync(string name) => env.FinishedAsync(Ns, name);

    [Test, Order(1)]
    public async Task Run_now_creates_a_session_a_snapshot_and_the_backup_job_the_addon_describes_and_the_session_succeeds()
    {
        dumper.Hold = false;
        var session = await RunNowAsync();
        session.Metadata.Name.Should().MatchRegex(@"^cluster-manifests-backup-frequent-backup-\d+$");
        var finished = await FinishedAsync(session.Metadata.Name);

        finished.Status.Phase.Should().Be(BackupSessionPhase.Succeeded, finished.Status.Conditions?.LastOrDefault()?.Message);
        finished.Status.TotalSnapshots.Should().Be(1);
        finished.Status.Duration.Should().NotBeNullOrEmpty();
        finished.Metadata.Labels.Should().Contain(KubeStashLabels.InvokerName, Config).And.Contain(KubeStashLabels.SessionName, "frequent-backup");
        var snapshotName = finished.Status.Snapshots!.Single().Name!;
        snapshotName.Should().Be(ObjectNames.Snapshot("cluster-manifests-repo", Config, "frequent-backup", long.Parse(session.Metadata.Name.Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture)));
        snapshotName.Length.Should().BeLessThanOrEqualTo(63);

        var job = (await env.Kubernetes.BatchV1.ListNamespacedJobAsync(Ns, labelSelector: $"{KubeStashLabels.InvokerName}={Config}")).Items
            .Single(j => j.Metadata.OwnerReferences?.Any(o => o.Kind == "BackupSession" && o.Name == session.Metadata.Name) == true);
        var container = job.Spec.Template.Spec.Containers.Single();
        container.Image.Should().Be("ghcr.io/kubestash-dotnet/kubedump:v0.1.0");
        container.Args.Should().Equal(
            "backup",
            $"--namespace={Ns}",
            $"--backupsession={session.Metadata.Name}",
            "--enable-cache=true",
            "--scratch-dir=/kubestash-tmp",
            "--and-label-selectors=",
            "--or-label-selectors=",
            "--include-cluster-resources=true",
            $"--include-namespaces={Ns},kube-system",
            "--exclude-namespaces=",
            "--include-resources=*",
            "--exclude-resources=events,events.events.k8s.io",
            "--include-dependants=false",
            "--sanitize=true");
        job.Spec.Template.Spec.ServiceAccountName.Should().Be("cluster-resource-reader");
        container.Resources.Requests["cpu"].ToString().Should().Be("200m");
        container.Resources.Requests["memory"].ToString().Should().Be("256Mi");
        container.Resources.Limits["memory"].ToString().Should().Be("1Gi");
        container.VolumeMounts.Should().ContainSingle(m => m.Name == "kubestash-tmp-volume" && m.MountPath == "/kubestash-tmp");
        job.Spec.Template.Spec.Volumes.Should().ContainSingle(v => v.Name == "kubestash-tmp-volume" && v.EmptyDir != null);
        job.Spec.ActiveDeadlineSeconds.Should().Be(30 * 60, "backupTimeout: 30m");
        job.Spec.BackoffLimit.Should().Be(0, "retryConfig retries as new BackupSessions, never by rerunning the Job's pod");
        session.Spec.RetryLeft.Should().Be(2, "retryConfig.maxRetry: 2");
        var invocation = dumper.Invocations.Last();
        invocation.Arguments.Should().Contain($"--backupsession={session.Metadata.Name}");

        var snapshot = (await env.Client.GetAsync<Snapshot>(snapshotName, Ns, default))!;
        snapshot.Status.Phase.Should().Be(SnapshotPhase.Succeeded);
        snapshot.Status.SnapshotTime.Should().NotBeNull();
        snapshot.Status.Size.Should().Be("2 KiB");
        snapshot.Status.Integrity.Should().BeTrue();
        snapshot.Metadata.Labels.Should().Contain(KubeStashLabels.RepoName, "cluster-manifests-repo");
        snapshot.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "Repository" && o.Name == "cluster-manifests-repo");

        await LifecycleEnvironment.EventuallyAsync(async () =>
        {
            await using var store = new ObjectStoreFactory().Create(env.S3.StorageOptions(bucket, "/manifests"), env.S3.SecretData);
            return await new StorageLayout(store).ReadSnapshotManifestAsync("cluster-manifests", snapshotName) is not null;
        }, "snapshots/<name>.yaml uploaded");
        await LifecycleEnvironment.EventuallyAsync(async () =>
        {
            var repository = await env.Client.GetAsync<Repository>("cluster-manifests-repo", Ns, default);
            return repository?.Status.SnapshotCount >= 1 && repository.Status.LastBackupTime is not null
                   && repository.Status.RecentSnapshots?.Any(r => r.Name == snapshotName) == true;
        }, "Repository status reports the snapshot");
        await LifecycleEnvironment.EventuallyAsync(async () =>
        {
            var storage = await env.Client.GetAsync<BackupStorage>("s3-storage", Ns, default);
            var used = storage?.Status.Repositories?.SingleOrDefault(r => r.Name == "cluster-manifests-repo");
            return used?.Size is { } size && size != "0 B" && storage!.Status.TotalSize == size;
        }, "BackupStorage totalSize is the size its Repository reports");
    }

    [Test, Order(2)]
    public async Task An_operator_restarted_mid_session_completes_it_and_creates_nothing_twice()
    {
        dumper.Hold = true;
        // Session names carry the unix second: a trigger within the same second as the previous one is the same session.
        await Task.Delay(1100);
        var session = await RunNowAsync();
        await LifecycleEnvironment.EventuallyAsync(
            () => Task.FromResult(dumper.Invocations.Any(i => i.Arguments.Contains($"--backupsession={session.Metadata.Name}"))), "backup Job running");

        await env.StopOperatorAsync();
        await env.StartOperatorAsync();
        dumper.Release();
        var finished = await FinishedAsync(session.Metadata.Name);

        finished.Status.Phase.Should().Be(BackupSessionPhase.Succeeded, finished.Status.Conditions?.LastOrDefault()?.Message);
        var jobs = (await env.Kubernetes.BatchV1.ListNamespacedJobAsync(Ns)).Items
            .Where(j => j.Metadata.OwnerReferences?.Any(o => o.Kind == "BackupSession" && o.Name == session.Metadata.Name) == true).ToList();
        jobs.Should().HaveCount(1);
        (await env.Client.ListAsync<Snapshot>(Ns, null, default)).Items.Count(s => s.Spec.BackupSession == session.Metadata.Name).Should().Be(1);
        dumper.Invocations.Count(i => i.Arguments.Contains($"--backupsession={session.Metadata.Name}")).Should().Be(1);
    }

    [Test, Order(3)]
    public async Task After_a_session_the_retention_policy_forgets_older_snapshots_in_the_cluster_and_the_backend()
    {
        dumper.Hold = false;
        var earlier = (await env.Client.ListAsync<Snapshot>(Ns, $"{KubeStashLabels.RepoName}=cluster-manifests-repo", default)).Items.Select(s => s.Metadata.Name).ToList();
        earlier.Should().NotBeEmpty("the earlier tests left snapshots behind");
        await env.ApplyAsync(LifecycleManifests.RetentionPolicy(Ns).Replace("last: 5", "last: 1", StringComparison.Ordinal));
        await Task.Delay(1100);
        var session = await RunNowAsync();
        var finished = await FinishedAsync(session.Metadata.Name);
        finished.Status.Phase.Should().Be(BackupSessionPhase.Succeeded);

        var kept = finished.Status.Snapshots!.Single().Name!;
        await LifecycleEnvironment.EventuallyAsync(
            async () => (await env.Client.ListAsync<Snapshot>(Ns, $"{KubeStashLabels.RepoName}=cluster-manifests-repo", default)).Items.Select(s => s.Metadata.Name).SequenceEqual([kept]),
            "only the newest snapshot is kept (successfulSnapshots.last: 1)");
        await using var store = new ObjectStoreFactory().Create(env.S3.StorageOptions(bucket, "/manifests"), env.S3.SecretData);
        var layout = new StorageLayout(store);
        foreach (var forgotten in earlier)
        {
            (await layout.ReadSnapshotManifestAsync("cluster-manifests", forgotten)).Should().BeNull($"{forgotten} was forgotten");
        }

        var applied = (await env.Client.GetAsync<BackupSession>(session.Metadata.Name, Ns, default))!.Status.RetentionPolicy!.Single();
        applied.Repository.Should().Be("cluster-manifests-repo");
        applied.Phase.Should().Be(RetentionPolicyApplyPhase.Applied);
        (await env.Client.ListAsync<BackupSession>(Ns, null, default)).Items.Should().HaveCountLessThanOrEqualTo(3, "sessionHistoryLimit: 3");
    }

    [Test, Order(4)]
    public async Task A_second_session_of_the_same_invoker_is_skipped_while_one_runs()
    {
        dumper.Hold = true;
        await Task.Delay(1100);
        var first = await RunNowAsync();
        await LifecycleEnvironment.EventuallyAsync(
            () => Task.FromResult(dumper.Invocations.Any(i => i.Arguments.Contains($"--backupsession={first.Metadata.Name}"))), "first session's Job running");
        await Task.Delay(1100);
        var second = await RunNowAsync();

        await LifecycleEnvironment.EventuallyAsync(
            async () => (await env.Client.GetAsync<BackupSession>(second.Metadata.Name, Ns, default))?.Status.Phase == BackupSessionPhase.Skipped, "second session skipped");
        var skipped = (await env.Client.GetAsync<BackupSession>(second.Metadata.Name, Ns, default))!;
        skipped.Status.Conditions!.Should().Contain(c => c.Reason == "AnotherSessionRunning" && c.Message!.Contains(first.Metadata.Name));
        (await env.Client.ListAsync<Snapshot>(Ns, null, default)).Items.Should().NotContain(s => s.Spec.BackupSession == second.Metadata.Name);

        dumper.Release();
        (await FinishedAsync(first.Metadata.Name)).Status.Phase.Should().Be(BackupSessionPhase.Succeeded);
    }

    [Test, Order(5)]
    public async Task A_failed_session_is_retried_after_the_delay_as_a_new_session_with_one_retry_fewer()
    {
        dumper.Hold = false;
        await env.ApplyAsync(LifecycleManifests.BackupConfiguration(Ns, "s3-storage").Replace("delay: 1m", "delay: 2s", StringComparison.Ordinal));
        dumper.FailuresToInject = 1;
        await Task.Delay(1100);
        var first = await RunNowAsync();
        var failed = await FinishedAsync(first.Metadata.Name);
        failed.Status.Phase.Should().Be(BackupSessionPhase.Failed);
        failed.Status.Conditions!.Should().Contain(c => c.Reason == "SnapshotFailed" && c.Message!.Contains("injected failure"));
        failed.Status.NextRetry.Should().NotBeNull();
        var finishedAt = failed.Status.Conditions!.Single(c => c.Type == "BackupFinished").LastTransitionTime!.Value.ToUniversalTime();
        failed.Status.NextRetry!.Value.ToUniversalTime().Should().BeCloseTo(finishedAt.AddSeconds(2), TimeSpan.FromSeconds(1), "retryConfig.delay: 2s");

        var retryName = ObjectNames.BackupSession(Config, "frequent-backup", new DateTimeOffset(failed.Status.NextRetry!.Value.ToUniversalTime()).ToUnixTimeSeconds());
        var retry = await FinishedAsync(retryName);
        retry.Status.Phase.Should().Be(BackupSessionPhase.Succeeded, retry.Status.Conditions?.LastOrDefault()?.Message);
        retry.Spec.RetryLeft.Should().Be(1);
        retry.Metadata.CreationTimestamp!.Value.ToUniversalTime().Should().BeOnOrAfter(failed.Status.NextRetry!.Value.ToUniversalTime().AddSeconds(-1));
        (await env.Client.GetAsync<BackupSession>(first.Metadata.Name, Ns, default))!.Status.Retried.Should().BeTrue();
        retry.Status.Retried.Should().NotBe(true);
        retry.Status.NextRetry.Should().BeNull("a succeeded session is not retried");
        (await env.Client.ListAsync<BackupSession>(Ns, null, default)).Items
            .Count(s => s.Spec.RetryLeft == 1).Should().Be(1, "one failure, one retry: never two");
    }
}

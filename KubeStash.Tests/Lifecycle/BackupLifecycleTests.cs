using k8s;
using KubeStash.Entities.Core;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Commands;
using KubeStash.Operator.Controllers;
using KubeStash.Storage;
using KubeStash.Storage.Layout;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Lifecycle;

/// <summary>
/// Seed steps 1–9 over HTTP: kubectl applies a Secret, a BackupStorage, a RetentionPolicy and a BackupConfiguration to
/// LocalCluster; the operator initialises the real S3 storage, creates the Repository and the trigger CronJob.
/// </summary>
public sealed class BackupLifecycleTests
{
    private LifecycleEnvironment env = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        env = await LifecycleEnvironment.StartAsync();
        var samples = Path.Combine(RepositoryRoot.Path, "config", "samples");
        (await env.Kubectl.RunAsync($"apply -f {Path.Combine(samples, "addons_v1alpha1_addon_kubedump.yaml")} -f {Path.Combine(samples, "addons_v1alpha1_function_kubedump_backup.yaml")}")).ShouldSucceed();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await env.DisposeAsync();

    private async Task<string> NamespaceAsync(string name)
    {
        await env.ApplyAsync(LifecycleManifests.Namespace(name));
        await env.ApplyAsync(LifecycleManifests.S3Secret(name, env.S3));
        await env.ApplyAsync(LifecycleManifests.EncryptionSecret(name));
        await env.ApplyAsync(LifecycleManifests.RetentionPolicy(name));
        return name;
    }

    private async Task<IObjectStore> OpenBucketAsync(string bucket)
    {
        var options = env.S3.StorageOptions(bucket, "/manifests");
        return new ObjectStoreFactory().Create(options, env.S3.SecretData);
    }

    [Test]
    public async Task Applying_the_documented_objects_yields_a_ready_storage_repository_and_trigger_cronjob()
    {
        var ns = await NamespaceAsync("demo");
        var bucket = S3TestServer.FreshBucketName();
        await env.ApplyAsync(LifecycleManifests.S3Storage(ns, "s3-storage", env.S3, bucket));
        await env.ApplyAsync(LifecycleManifests.BackupConfiguration(ns, "s3-storage"));

        await LifecycleEnvironment.EventuallyAsync(
            async () => (await env.Client.GetAsync<BackupConfiguration>("cluster-manifests-backup", ns, default))?.Status.Phase == BackupInvokerPhase.Ready,
            "BackupConfiguration Ready");

        var storage = (await env.Client.GetAsync<BackupStorage>("s3-storage", ns, default))!;
        storage.Status.Phase.Should().Be(BackupStoragePhase.Ready);
        storage.Status.Conditions!.Select(c => (c.Type, c.Status.ToString())).Should().Contain([("BackendSecretFound", "True"), ("BackendInitialized", "True")]);
        storage.Metadata.Finalizers.Should().Contain(KubeStashLabels.CleanupFinalizer);

        await using var store = await OpenBucketAsync(bucket);
        var layout = new StorageLayout(store);
        (await layout.ReadStorageIdentityAsync())!.BackupStorage.Should().Be($"{ns}/s3-storage");
        var repositoryIdentity = await layout.ReadRepositoryAsync("cluster-manifests");
        repositoryIdentity!.Repository.Should().Be($"{ns}/cluster-manifests-repo");
        repositoryIdentity.Encryption.Should().NotBeNull("the repository has an encryptionSecret");

        var repository = (await env.Client.GetAsync<Repository>("cluster-manifests-repo", ns, default))!;
        repository.Status.Phase.Should().Be(RepositoryPhase.Ready);
        repository.Metadata.Labels.Should().Contain(KubeStashLabels.InvokerName, "cluster-manifests-backup")
            .And.Contain(KubeStashLabels.InvokerKind, "BackupConfiguration")
            .And.Contain(KubeStashLabels.InvokerNamespace, ns);
        repository.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "BackupConfiguration" && o.Name == "cluster-manifests-backup");

        var cronJob = await env.Kubernetes.BatchV1.ReadNamespacedCronJobAsync("trigger-cluster-manifests-backup-frequent-backup", ns);
        cronJob.Spec.Schedule.Should().Be("*/5 * * * *");
        cronJob.Spec.Suspend.Should().BeFalse();
        var container = cronJob.Spec.JobTemplate.Spec.Template.Spec.Containers.Single();
        container.Image.Should().Be(LifecycleEnvironment.OperatorImage);
        container.Args.Should().Equal(
            "trigger-backup", $"--namespace={ns}", "--invoker-kind=BackupConfiguration", "--invoker-name=cluster-manifests-backup", "--session=frequent-backup");
        cronJob.Spec.JobTemplate.Spec.BackoffLimit.Should().Be(1);
        cronJob.Spec.JobTemplate.Spec.Template.Spec.ServiceAccountName.Should().Be("cluster-manifests-backup-trigger");
        (await env.Kubernetes.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("cluster-manifests-backup-trigger", ns)).RoleRef.Name.Should().Be("cluster-manifests-backup-trigger");

        var config = (await env.Client.GetAsync<BackupConfiguration>("cluster-manifests-backup", ns, default))!;
        config.Status.Conditions!.Should().Contain(c => c.Type == BackupConfigurationController.ValidationPassed && c.Status.ToString() == "True");
        config.Status.Conditions!.Should().Contain(c => c.Type == BackupConfigurationController.SchedulerEnsured && c.Status.ToString() == "True");
        config.Status.Sessions!.Single().NextSchedule.Should().NotBeNullOrEmpty();
        config.Status.Repositories!.Single().Phase.Should().Be(RepositoryPhase.Ready);
        config.Status.Backends!.Single().Ready.Should().BeTrue();

        // "Backup now": the trigger-backup sub-command creates <config>-<session>-<unix time>.
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var sessionName = await TriggerBackupCommand.RunAsync(env.Client, ns, "BackupConfiguration", "cluster-manifests-backup", "frequent-backup", default);
        sessionName.Should().MatchRegex(@"^cluster-manifests-backup-frequent-backup-\d+$");
        long.Parse(sessionName.Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(before);
        var session = (await env.Client.GetAsync<BackupSession>(sessionName, ns, default))!;
        session.Spec.Invoker!.Kind.Should().Be("BackupConfiguration");
        session.Spec.Session.Should().Be("frequent-backup");
        session.Metadata.Labels.Should().Contain(KubeStashLabels.InvokerName, "cluster-manifests-backup");

        // Pausing suspends the CronJob.
        await env.ApplyAsync(LifecycleManifests.BackupConfiguration(ns, "s3-storage", paused: true));
        await LifecycleEnvironment.EventuallyAsync(
            async () => (await env.Kubernetes.BatchV1.ReadNamespacedCronJobAsync("trigger-cluster-manifests-backup-frequent-backup", ns)).Spec.Suspend == true,
            "CronJob suspended while paused");

        // Deleting the BackupConfiguration removes what it owns (the CronJob and the Repository, whose WipeOut empties its directory).
        (await env.Kubectl.RunAsync($"delete backupconfiguration cluster-manifests-backup -n {ns} --wait=false")).ShouldSucceed();
        await LifecycleEnvironment.EventuallyAsync(
            async () => (await env.Kubernetes.BatchV1.ListNamespacedCronJobAsync(ns)).Items.Count == 0
                        && await env.Client.GetAsync<Repository>("cluster-manifests-repo", ns, default) is null,
            "CronJob and Repository garbage collected");
        (await layout.ReadRepositoryAsync("cluster-manifests")).Should().BeNull("the Repository's deletionPolicy is WipeOut");
    }

    [Test]
    public async Task A_second_backup_storage_on_the_same_bucket_and_prefix_is_refused_with_a_clear_condition()
    {
        var ns = await NamespaceAsync("claims");
        var bucket = S3TestServer.FreshBucketName();
        await env.ApplyAsync(LifecycleManifests.S3Storage(ns, "first", env.S3, bucket));
        await LifecycleEnvironment.EventuallyAsync(
            async () => (await env.Client.GetAsync<BackupStorage>("first", ns, default))?.Status.Phase == BackupStoragePhase.Ready, "first storage Ready");
        await env.ApplyAsync(LifecycleManifests.S3Storage(ns, "second", env.S3, bucket));
        await LifecycleEnvironment.EventuallyAsync(
            async () => (await env.Client.GetAsync<BackupStorage>("second", ns, default))?.Status.Conditions?.Any(c => c.Type == "BackendInitialized") == true,
            "second storage reported");

        var second = (await env.Client.GetAsync<BackupStorage>("second", ns, default))!;
        second.Status.Phase.Should().Be(BackupStoragePhase.NotReady);
        var condition = second.Status.Conditions!.Single(c => c.Type == "BackendInitialized");
        condition.Status.ToString().Should().Be("False");
        condition.Reason.Should().Be("StorageClaimedByAnotherBackupStorage");
        condition.Message.Should().Contain($"{ns}/first");
    }

    [Test]
    public async Task A_missing_secret_is_reported_and_the_storage_becomes_ready_once_it_exists_and_wipe_out_deletes_the_data()
    {
        const string ns = "late-secret";
        await env.ApplyAsync(LifecycleManifests.Namespace(ns));
        var bucket = S3TestServer.FreshBucketName();
        await env.ApplyAsync(LifecycleManifests.S3Storage(ns, "s3-storage", env.S3, bucket));
        await LifecycleEnvironment.EventuallyAsync(
            async () => (await env.Client.GetAsync<BackupStorage>("s3-storage", ns, default))?.Status.Conditions?.Any(c => c.Type == "BackendSecretFound" && c.Reason == "SecretNotFound") == true,
            "missing Secret reported");
        (await env.Client.GetAsync<BackupStorage>("s3-storage", ns, default))!.Status.Phase.Should().Be(BackupStoragePhase.NotReady);

        await env.ApplyAsync(LifecycleManifests.S3Secret(ns, env.S3));
        await LifecycleEnvironment.EventuallyAsync(
            async () => (await env.Client.GetAsync<BackupStorage>("s3-storage", ns, default))?.Status.Phase == BackupStoragePhase.Ready, "Ready once the Secret exists");
        await using var store = await OpenBucketAsync(bucket);
        (await store.StatAsync(StorageLayout.MetadataKey, default)).Should().NotBeNull();

        (await env.Kubectl.RunAsync($"delete backupstorage s3-storage -n {ns}")).ShouldSucceed();
        (await store.StatAsync(StorageLayout.MetadataKey, default)).Should().BeNull("deletionPolicy WipeOut deletes the storage's data");
    }

    [Test]
    public async Task A_backup_configuration_with_missing_references_is_invalid_and_names_each_problem()
    {
        var ns = await NamespaceAsync("broken");
        await env.ApplyAsync(LifecycleManifests.BackupConfiguration(ns, "no-such-storage").Replace("kubedump-addon", "no-such-addon", StringComparison.Ordinal));
        await LifecycleEnvironment.EventuallyAsync(
            async () => (await env.Client.GetAsync<BackupConfiguration>("cluster-manifests-backup", ns, default))?.Status.Phase == BackupInvokerPhase.Invalid,
            "BackupConfiguration Invalid");
        var config = (await env.Client.GetAsync<BackupConfiguration>("cluster-manifests-backup", ns, default))!;
        var validation = config.Status.Conditions!.Single(c => c.Type == BackupConfigurationController.ValidationPassed);
        validation.Message.Should().Contain($"BackupStorage {ns}/no-such-storage not found").And.Contain("Addon no-such-addon not found");
        config.Status.Dependencies!.Should().Contain(d => d.Kind == "Addon" && d.Name == "no-such-addon" && d.Found == false);
        (await env.Kubernetes.BatchV1.ListNamespacedCronJobAsync(ns)).Items.Should().BeEmpty("nothing is scheduled for an invalid configuration");
        (await env.Client.ListAsync<Repository>(ns, null, default)).Items.Should().BeEmpty();
    }
}

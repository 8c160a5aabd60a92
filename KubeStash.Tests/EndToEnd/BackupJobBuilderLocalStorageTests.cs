using KubeStash.Entities.Core;
using KubeStash.Entities.Serialization;
using KubeStash.Entities.Storage;

namespace KubeStash.Tests.EndToEnd;

/// <summary>The backup Job mounts every local BackupStorage of the session's repositories at its mountPath, once each.</summary>
public sealed class BackupJobBuilderLocalStorageTests
{
    private static readonly EntitySerializer Serializer = new();

    private static readonly BackupConfiguration Config = Serializer.ParseSingle<BackupConfiguration>(EndToEndManifests.BackupConfiguration(
        "demo",
        "app-backup",
        "  target:\n    apiGroup: apps\n    kind: Deployment\n    namespace: shop\n    name: web",
        new Dictionary<string, string> { ["includeDependants"] = "true" },
        new RepositoryPlacement("app-backup-repo", "local-a", "app-backup", Encrypted: false)));

    private static BackupStorage Storage(string name, string backend) => Serializer.ParseSingle<BackupStorage>($$"""
        apiVersion: storage.kubestash.com/v1alpha1
        kind: BackupStorage
        metadata: {name: {{name}}, namespace: demo}
        spec:
          storage: {{backend}}
        """);

    private static k8s.Models.V1Job Build(params BackupStorage[] storages) => SampleBackupJob.Build(Config, storages);

    [Test]
    public void Local_storages_become_volumes_mounted_at_their_mount_path_once_each_and_other_providers_add_nothing()
    {
        var hostPath = Storage("local-a", "{provider: local, local: {mountPath: /safe/data, subPath: team-a, hostPath: {path: /srv/backups, type: DirectoryOrCreate}}}");
        var claim = Storage("local.b", "{provider: local, local: {mountPath: /pvc, persistentVolumeClaim: {claimName: backups}}}");
        var s3 = Storage("s3", "{provider: s3, s3: {endpoint: http://127.0.0.1:9000, bucket: b, secretName: s}}");

        var job = Build(hostPath, s3, claim, hostPath);

        var pod = job.Spec.Template.Spec;
        pod.Volumes.Select(v => v.Name).Should().Equal("kubestash-tmp-volume", "storage-demo-local-a", "storage-demo-local-b");
        var hostVolume = pod.Volumes.Single(v => v.Name == "storage-demo-local-a");
        hostVolume.HostPath.Path.Should().Be("/srv/backups");
        hostVolume.HostPath.Type.Should().Be("DirectoryOrCreate");
        pod.Volumes.Single(v => v.Name == "storage-demo-local-b").PersistentVolumeClaim.ClaimName.Should().Be("backups");
        var mounts = pod.Containers.Single().VolumeMounts;
        mounts.Select(m => (m.Name, m.MountPath)).Should().Equal(
            ("kubestash-tmp-volume", "/kubestash-tmp"), ("storage-demo-local-a", "/safe/data"), ("storage-demo-local-b", "/pvc"));
        mounts.Should().OnlyContain(m => m.SubPath == null, "the Dumper adds subPath under the mount itself");
    }

    [Test]
    public void Without_local_storage_the_job_has_only_the_addon_volumes()
    {
        var job = Build(Storage("s3", "{provider: s3, s3: {endpoint: http://127.0.0.1:9000, bucket: b, secretName: s}}"));

        job.Spec.Template.Spec.Volumes.Select(v => v.Name).Should().Equal("kubestash-tmp-volume");
        job.Spec.Template.Spec.Containers.Single().VolumeMounts.Select(m => m.Name).Should().Equal("kubestash-tmp-volume");
    }

    [Test]
    public void Two_local_storages_at_one_mount_path_are_refused_naming_both()
    {
        var first = Storage("one", "{provider: local, local: {mountPath: /data, hostPath: {path: /a}}}");
        var second = Storage("two", "{provider: local, local: {mountPath: /data, hostPath: {path: /b}}}");

        var build = () => Build(first, second);

        build.Should().Throw<FormatException>().WithMessage("*BackupStorage demo/two*mountPath /data*BackupStorage demo/one*");
    }

    [Test]
    public void A_local_storage_without_mount_path_is_refused_naming_the_field()
    {
        var build = () => Build(Storage("nomount", "{provider: local, local: {hostPath: {path: /a}}}"));

        build.Should().Throw<FormatException>().WithMessage("BackupStorage demo/nomount: spec.storage.local.mountPath is required");
    }
}

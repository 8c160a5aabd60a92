using k8s.Models;
using KubeStash.Entities.Addons;
using KubeStash.Entities.Core;
using KubeStash.Entities.Serialization;
using KubeStash.Entities.Storage;
using KubeStash.Operator.Builders;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.EndToEnd;

/// <summary>The backup Job the operator would build for a BackupConfiguration's first session, with the kubedump Addon and Function of <c>config/samples</c>.</summary>
public static class SampleBackupJob
{
    private static readonly EntitySerializer Serializer = new();

    private static readonly BackupSession Session = Serializer.ParseSingle<BackupSession>("""
        apiVersion: core.kubestash.com/v1alpha1
        kind: BackupSession
        metadata: {name: app-backup-daily-1700000000, namespace: demo}
        spec:
          invoker: {apiGroup: core.kubestash.com, kind: BackupConfiguration, name: app-backup}
          session: daily
        """);

    public static V1Job Build(BackupConfiguration config, params BackupStorage[] storages)
    {
        var samples = Path.Combine(RepositoryRoot.Path, "config", "samples");
        var addon = Serializer.ParseSingle<Addon>(File.ReadAllText(Path.Combine(samples, "addons_v1alpha1_addon_kubedump.yaml")));
        var function = Serializer.ParseSingle<Function>(File.ReadAllText(Path.Combine(samples, "addons_v1alpha1_function_kubedump_backup.yaml")));
        var session = config.Spec.Sessions!.First();
        return BackupJobBuilder.Build(config, session, Session, addon.Spec.BackupTasks!.Single(), session.Addon!.Tasks!.Single(), function, storages);
    }
}

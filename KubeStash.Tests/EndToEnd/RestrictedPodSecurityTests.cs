using k8s.Models;
using KubeStash.Entities.Addons;
using KubeStash.Entities.Core;
using KubeStash.Entities.Serialization;
using KubeStash.Operator.Builders;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.EndToEnd;

/// <summary>
/// The pods the operator creates (backup Job, trigger CronJob) meet Pod Security Admission's <c>restricted</c> level
/// unless the user's settings say otherwise, and the user's security context wins whole when given.
/// </summary>
public sealed class RestrictedPodSecurityTests
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

    [Test]
    public void The_backup_job_container_is_restricted_by_default()
    {
        var job = BuildJob(Configuration(string.Empty));

        AssertRestricted(job.Spec.Template.Spec.Containers.Single().SecurityContext);
    }

    [Test]
    public void The_trigger_cronjob_container_is_restricted_by_default()
    {
        var config = Configuration(string.Empty);

        var cronJob = TriggerCronJobBuilder.Build(config, config.Spec.Sessions!.Single(), "ghcr.io/kubestash-dotnet/operator:test");

        AssertRestricted(cronJob.Spec.JobTemplate.Spec.Template.Spec.Containers.Single().SecurityContext);
    }

    [Test]
    public void A_container_security_context_from_the_job_template_replaces_the_default_whole()
    {
        var job = BuildJob(Configuration("""
                  jobTemplate:
                    spec:
                      containerSecurityContext:
                        runAsUser: 0
                        runAsNonRoot: false
            """));

        var context = job.Spec.Template.Spec.Containers.Single().SecurityContext;
        context.RunAsUser.Should().Be(0);
        context.RunAsNonRoot.Should().BeFalse();
        context.ReadOnlyRootFilesystem.Should().BeNull("the user's context is taken as written, not merged field by field");
    }

    private static void AssertRestricted(V1SecurityContext context)
    {
        context.Should().NotBeNull();
        context.AllowPrivilegeEscalation.Should().BeFalse();
        context.Capabilities.Drop.Should().Equal("ALL");
        context.RunAsNonRoot.Should().BeTrue();
        context.SeccompProfile.Type.Should().Be("RuntimeDefault");
        context.ReadOnlyRootFilesystem.Should().BeTrue();
    }

    private static BackupConfiguration Configuration(string addonExtra) => Serializer.ParseSingle<BackupConfiguration>($$"""
        apiVersion: core.kubestash.com/v1alpha1
        kind: BackupConfiguration
        metadata: {name: app-backup, namespace: demo}
        spec:
          target: {kind: Namespace, name: shop}
          backends:
          - name: s3
            storageRef: {name: s3-storage, namespace: demo}
          sessions:
          - name: daily
            scheduler: {schedule: "0 1 * * *"}
            repositories:
            - {name: app-backup-repo, backend: s3, directory: /app}
            addon:
              name: kubedump-addon
              tasks:
              - name: manifest-backup
        {{addonExtra}}
        """);

    private static V1Job BuildJob(BackupConfiguration config)
    {
        var samples = Path.Combine(RepositoryRoot.Path, "config", "samples");
        var addon = Serializer.ParseSingle<Addon>(File.ReadAllText(Path.Combine(samples, "addons_v1alpha1_addon_kubedump.yaml")));
        var function = Serializer.ParseSingle<Function>(File.ReadAllText(Path.Combine(samples, "addons_v1alpha1_function_kubedump_backup.yaml")));
        var session = config.Spec.Sessions!.Single();
        return BackupJobBuilder.Build(config, session, Session, addon.Spec.BackupTasks!.Single(), session.Addon!.Tasks!.Single(), function, []);
    }
}

using k8s.Models;
using KubeStash.Entities.Core;
using KubeStash.Entities.Serialization;
using KubeStash.Operator.Builders;

namespace KubeStash.Tests.EndToEnd;

/// <summary>
/// The pods the operator creates (backup Job, trigger CronJob) meet Pod Security Admission's <c>restricted</c> level
/// unless the user's settings say otherwise, and the user's security context wins whole when given.
/// </summary>
public sealed class RestrictedPodSecurityTests
{
    private static readonly EntitySerializer Serializer = new();

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

    private static V1Job BuildJob(BackupConfiguration config) => SampleBackupJob.Build(config);
}

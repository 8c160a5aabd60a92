using System.Diagnostics;
using k8s;
using k8s.Models;

namespace KubeStash.Tests.Generation;

/// <summary>The real kubectl renders config/default; the result is the installation users apply.</summary>
[TestFixture]
public sealed class KustomizeTests
{
    private List<Dictionary<object, object>> _objects = null!;

    [OneTimeSetUp]
    public async Task Render() => _objects = await RenderAsync(Path.Combine(RepositoryRoot.Find(), "config", "default"));

    private static async Task<List<Dictionary<object, object>>> RenderAsync(string directory)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var kubectl = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = kubectl.StandardOutput.ReadToEndAsync();
        var stderr = kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        kubectl.ExitCode.Should().Be(0, await stderr);

        return (await stdout).Split("\n---\n")
            .Select(document => KubernetesYaml.Deserialize<Dictionary<object, object>>(document))
            .ToList();
    }

    [Test]
    public async Task The_local_storage_component_mounts_the_backup_volume_into_the_operator_and_changes_nothing_else()
    {
        var root = RepositoryRoot.Find();
        var overlay = Path.Combine(root, ".work", $"kustomize-local-storage-{Guid.NewGuid():N}");
        Directory.CreateDirectory(overlay);
        try
        {
            await File.WriteAllTextAsync(overlay + "/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [../../config/default]
                components: [../../config/local-storage]
                """);
            var objects = await RenderAsync(overlay);

            objects.Should().HaveCount(_objects.Count);
            var deployment = KubernetesYaml.Deserialize<V1Deployment>(KubernetesYaml.Serialize(objects.Single(o => (string)o["kind"] == "Deployment")));
            var pod = deployment.Spec.Template.Spec;
            pod.Volumes.Should().ContainSingle(v => v.Name == "local-backup-storage").Which.PersistentVolumeClaim.ClaimName.Should().Be("kubestash-local-backups");
            var mounts = pod.Containers.Single().VolumeMounts;
            mounts.Should().ContainSingle(m => m.Name == "local-backup-storage" && m.MountPath == "/kubestash/local-backups");
            mounts.Should().Contain(m => m.MountPath == "/tmp/k8s-webhook-server/serving-certs", "the component adds to the default installation's mounts");
        }
        finally
        {
            Directory.Delete(overlay, recursive: true);
        }
    }

    private IEnumerable<Dictionary<object, object>> OfKind(string kind) => _objects.Where(o => (string)o["kind"] == kind);

    private static Dictionary<object, object> Metadata(Dictionary<object, object> obj) => (Dictionary<object, object>)obj["metadata"];

    [Test]
    public void Renders_every_generated_crd()
    {
        var bases = Path.Combine(RepositoryRoot.Find(), "config", "crd", "bases");
        var crdFiles = Directory.Exists(bases) ? Directory.GetFiles(bases, "*.yaml") : [];
        var crds = OfKind("CustomResourceDefinition").Select(o => (string)Metadata(o)["name"]).ToList();
        crds.Should().HaveCount(crdFiles.Length);
        crds.Where(n => n.StartsWith("kubestash-", StringComparison.Ordinal)).Should().BeEmpty("CRD names are <plural>.<group> and take no prefix");
    }

    [Test]
    public void Renders_the_operator_deployment_in_its_namespace()
    {
        var deployment = OfKind("Deployment").Should().ContainSingle().Subject;
        var yaml = KubernetesYaml.Serialize(deployment);
        var typed = KubernetesYaml.Deserialize<V1Deployment>(yaml);
        typed.Metadata.Name.Should().Be("kubestash-controller-manager");
        typed.Metadata.NamespaceProperty.Should().Be("kubestash-system");
        var pod = typed.Spec.Template.Spec;
        pod.ServiceAccountName.Should().Be("kubestash-controller-manager");
        pod.SecurityContext.RunAsNonRoot.Should().BeTrue();
        var container = pod.Containers.Should().ContainSingle().Subject;
        container.Image.Should().Be("ghcr.io/kubestash-dotnet/operator:v0.1.0");
        container.Args.Should().Equal("run");
        container.SecurityContext.ReadOnlyRootFilesystem.Should().BeTrue();
        container.SecurityContext.AllowPrivilegeEscalation.Should().BeFalse();
        container.LivenessProbe.HttpGet.Path.Should().Be("/healthz");
        container.ReadinessProbe.HttpGet.Path.Should().Be("/readyz");
        container.Ports.Select(p => p.ContainerPort).Should().BeEquivalentTo([8080, 8081, 9443]);
        container.VolumeMounts.Should().Contain(m => m.MountPath == "/tmp/k8s-webhook-server/serving-certs" && m.ReadOnlyProperty == true);
        pod.Volumes.Should().Contain(v => v.Name == "webhook-certs" && v.Secret.SecretName == "webhook-server-cert");
        container.Resources.Limits.Should().ContainKeys("cpu", "memory");

        OfKind("Namespace").Select(o => (string)Metadata(o)["name"]).Should().Equal("kubestash-system");
    }

    [Test]
    public void Renders_the_generated_cluster_role_bound_to_the_operator_service_account()
    {
        // The operator's generated role, plus the hand-written one for the backup Job (config/rbac/backup_job_role.yaml).
        OfKind("ClusterRole").Select(o => (string)Metadata(o)["name"]!).Should().BeEquivalentTo("kubestash-operator-role", "kubestash-backup-job-role");

        var binding = KubernetesYaml.Deserialize<V1ClusterRoleBinding>(KubernetesYaml.Serialize(OfKind("ClusterRoleBinding").Single()));
        binding.RoleRef.Name.Should().Be("kubestash-operator-role");
        binding.Subjects.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Kind = "ServiceAccount", Name = "kubestash-controller-manager", NamespaceProperty = "kubestash-system" });

        var leaderElection = KubernetesYaml.Deserialize<V1Role>(KubernetesYaml.Serialize(OfKind("Role").Single()));
        leaderElection.Rules.Should().Contain(r => r.ApiGroups.Contains("coordination.k8s.io") && r.Resources.Contains("leases"));
        leaderElection.Rules.Should().Contain(r => r.Resources.Contains("events") && r.Verbs.Contains("create"));
    }

    [Test]
    public void Wires_every_webhook_to_the_service_and_to_cert_manager()
    {
        var configuration = KubernetesYaml.Deserialize<V1ValidatingWebhookConfiguration>(
            KubernetesYaml.Serialize(OfKind("ValidatingWebhookConfiguration").Should().ContainSingle().Subject));
        configuration.Metadata.Name.Should().Be("kubestash-validating-webhook-configuration");
        configuration.Metadata.Annotations.Should().Contain("cert-manager.io/inject-ca-from", "kubestash-system/kubestash-serving-cert");
        configuration.Webhooks.Should().HaveCount(4).And.OnlyContain(w =>
            w.ClientConfig.Service.Name == "kubestash-webhook-service" && w.ClientConfig.Service.NamespaceProperty == "kubestash-system");

        var service = OfKind("Service").Single(o => (string)Metadata(o)["name"] == "kubestash-webhook-service");
        ((string)Metadata(service)["namespace"]).Should().Be("kubestash-system");
        var certificate = OfKind("Certificate").Should().ContainSingle().Subject;
        var spec = (Dictionary<object, object>)certificate["spec"];
        ((List<object>)spec["dnsNames"]).Should().Equal(
            "kubestash-webhook-service.kubestash-system.svc", "kubestash-webhook-service.kubestash-system.svc.cluster.local");
        spec["secretName"].Should().Be("webhook-server-cert");
        OfKind("Issuer").Should().ContainSingle();
    }
}

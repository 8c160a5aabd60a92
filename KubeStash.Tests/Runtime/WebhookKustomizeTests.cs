using System.Diagnostics;
using k8s;
using KubeStash.Operator.Runtime.Generation;
using KubeStash.Operator.Runtime.Webhooks;
using KubeStash.Tests.Generation;

namespace KubeStash.Tests.Runtime;

/// <summary>
/// config/default with a generated webhook configuration and the kubebuilder-style webhook wiring that config/default
/// leaves out until the operator has webhooks (see the comment there), rendered by the real kubectl: the wiring must
/// point the webhook at the renamed Service and ask cert-manager's cainjector for the serving certificate's CA.
/// </summary>
public sealed class WebhookKustomizeTests
{
    [Test]
    public async Task A_generated_webhook_is_wired_to_the_service_and_to_cert_manager_by_config_default()
    {
        var copy = Directory.CreateTempSubdirectory("config-").FullName;
        try
        {
            CopyDirectory(Path.Combine(RepositoryRoot.Find(), "config"), copy);
            await File.WriteAllTextAsync(
                Path.Combine(copy, ManifestGenerator.WebhookManifestsPath),
                WebhookManifestGenerator.Generate([WebhookRegistration.ForValidation<TestWidgetValidator, TestWidget>()]));
            var kustomization = Path.Combine(copy, "default", "kustomization.yaml");
            var text = (await File.ReadAllTextAsync(kustomization)).Replace("- ../manager\n", "- ../manager\n- ../webhook\n- ../certmanager\n", StringComparison.Ordinal);
            await File.WriteAllTextAsync(kustomization, text + Wiring);

            var rendered = await KustomizeAsync(Path.Combine(copy, "default"));

            var configuration = rendered.Single(d => d.Contains("kind: ValidatingWebhookConfiguration", StringComparison.Ordinal));
            var typed = KubernetesYaml.Deserialize<k8s.Models.V1ValidatingWebhookConfiguration>(configuration);
            typed.Metadata.Name.Should().Be("kubestash-validating-webhook-configuration");
            typed.Metadata.Annotations.Should().Contain("cert-manager.io/inject-ca-from", "kubestash-system/kubestash-serving-cert");
            var service = typed.Webhooks.Should().ContainSingle().Subject.ClientConfig.Service;
            (service.Name, service.NamespaceProperty, service.Path)
                .Should().Be(("kubestash-webhook-service", "kubestash-system", "/validate-runtime-test-example-com-v1-testwidget"));

            var certificate = rendered.Single(d => d.Contains("kind: Certificate", StringComparison.Ordinal));
            certificate.Should().Contain("- kubestash-webhook-service.kubestash-system.svc\n")
                .And.Contain("- kubestash-webhook-service.kubestash-system.svc.cluster.local\n")
                .And.Contain("secretName: webhook-server-cert");
            var deployment = rendered.Single(d => d.Contains("kind: Deployment", StringComparison.Ordinal));
            deployment.Should().Contain("mountPath: /tmp/k8s-webhook-server/serving-certs").And.Contain("containerPort: 9443");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>What config/default gains once the operator serves webhooks (besides the two resources).</summary>
    private const string Wiring = """
        patches:
        # The manager serves the webhooks on 9443 with the certificate's Secret mounted where the runtime reads it.
        - path: manager_webhook_patch.yaml
        replacements:
        # cert-manager.io/inject-ca-from: <certificate namespace>/<certificate name> on every webhook configuration.
        - source:
            kind: Certificate
            group: cert-manager.io
            version: v1
            name: serving-cert
            fieldPath: .metadata.namespace
          targets:
          - select:
              kind: ValidatingWebhookConfiguration
            fieldPaths:
            - .metadata.annotations.[cert-manager.io/inject-ca-from]
            options:
              delimiter: /
              index: 0
              create: true
          - select:
              kind: MutatingWebhookConfiguration
            fieldPaths:
            - .metadata.annotations.[cert-manager.io/inject-ca-from]
            options:
              delimiter: /
              index: 0
              create: true
        - source:
            kind: Certificate
            group: cert-manager.io
            version: v1
            name: serving-cert
            fieldPath: .metadata.name
          targets:
          - select:
              kind: ValidatingWebhookConfiguration
            fieldPaths:
            - .metadata.annotations.[cert-manager.io/inject-ca-from]
            options:
              delimiter: /
              index: 1
              create: true
          - select:
              kind: MutatingWebhookConfiguration
            fieldPaths:
            - .metadata.annotations.[cert-manager.io/inject-ca-from]
            options:
              delimiter: /
              index: 1
              create: true
        # The certificate's DNS names: <service>.<namespace>.svc[.cluster.local] of the webhook Service.
        - source:
            kind: Service
            version: v1
            name: webhook-service
            fieldPath: .metadata.name
          targets:
          - select:
              kind: Certificate
              group: cert-manager.io
              version: v1
              name: serving-cert
            fieldPaths:
            - .spec.dnsNames.0
            - .spec.dnsNames.1
            options:
              delimiter: .
              index: 0
        - source:
            kind: Service
            version: v1
            name: webhook-service
            fieldPath: .metadata.namespace
          targets:
          - select:
              kind: Certificate
              group: cert-manager.io
              version: v1
              name: serving-cert
            fieldPaths:
            - .spec.dnsNames.0
            - .spec.dnsNames.1
            options:
              delimiter: .
              index: 1
        """;

    private static async Task<List<string>> KustomizeAsync(string directory)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var kubectl = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var stdout = kubectl.StandardOutput.ReadToEndAsync();
        var stderr = kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        kubectl.ExitCode.Should().Be(0, await stderr);
        return [.. (await stdout).Split("\n---\n")];
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}

using System.Text.Json.Nodes;
using KubeStash.LocalCluster;
using KubeStash.Tests.Lifecycle;
using KubeStash.Tests.LocalCluster;
using KubeStash.Tests.Runtime;
using Microsoft.AspNetCore.Builder;

namespace KubeStash.Tests.Generation;

/// <summary>
/// Installs config/default with the real kubectl into a LocalCluster, runs the operator behind the installed webhook
/// Service (its admission webhooks judge every sample), then creates config/samples and reads every object back:
/// nothing the samples set may have been pruned. (LocalCluster serves no server-side apply, so this uses
/// <c>kubectl create -k</c>, the other way to install without the 256 KiB last-applied annotation.)
/// </summary>
[TestFixture]
public sealed class InstallationTests
{
    private LocalClusterServer _server = null!;
    private Kubectl _kubectl = null!;
    private string _cache = null!;
    private string _config = null!;
    private KubectlResult _install = null!;
    private KubectlResult _samples = null!;
    private WebApplication? _operator;

    // config/default needs cert-manager (Issuer, Certificate) for the webhook serving certificate; a cluster without
    // its CRDs refuses the installation, so the test installs the two kinds first (cert-manager itself is not run:
    // LocalCluster reaches the webhook Service over plain HTTP).
    private const string CertManagerCrds = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: issuers.cert-manager.io
        spec:
          group: cert-manager.io
          scope: Namespaced
          names: {kind: Issuer, listKind: IssuerList, plural: issuers, singular: issuer}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: certificates.cert-manager.io
        spec:
          group: cert-manager.io
          scope: Namespaced
          names: {kind: Certificate, listKind: CertificateList, plural: certificates, singular: certificate}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    [OneTimeSetUp]
    public async Task InstallAsync()
    {
        _config = Path.Combine(RepositoryRoot.Find(), "config");
        var webhookPort = FreePort.Next();
        _server = new LocalClusterServer(new LocalClusterOptions
        {
            WebhookServices = new Dictionary<string, Uri> { ["kubestash-system/kubestash-webhook-service"] = new($"http://127.0.0.1:{webhookPort}/") },
        });
        await _server.StartAsync();
        await _server.LoadYamlAsync(CertManagerCrds);
        _cache = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
        _kubectl = new Kubectl(_server.KubeconfigPath, _cache);
        _install = await _kubectl.RunAsync($"create -k {Path.Combine(_config, "default")}", timeoutSeconds: 120);
        _operator = await TestOperatorHost.StartAsync(_server.BaseAddress, webhookPort);
        foreach (var ns in new[] { "demo", "backup-system" })
        {
            await _kubectl.RunAsync($"create namespace {ns}");
        }

        _samples = await _kubectl.RunAsync($"create -k {Path.Combine(_config, "samples")}", timeoutSeconds: 60);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_operator is not null)
        {
            await _operator.StopAsync();
            await _operator.DisposeAsync();
        }

        await _server.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    [Test]
    public async Task Default_installation_applies_and_serves_every_crd()
    {
        _install.ShouldSucceed();
        var crdFiles = Directory.Exists(Path.Combine(_config, "crd", "bases")) ? Directory.GetFiles(Path.Combine(_config, "crd", "bases"), "*.yaml") : [];
        var names = (await _kubectl.RunAsync("get customresourcedefinitions -o name")).ShouldSucceed().Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(name => !name.EndsWith(".cert-manager.io", StringComparison.Ordinal));
        names.Should().HaveCount(crdFiles.Length);

        (await _kubectl.RunAsync("get deployment kubestash-controller-manager -n kubestash-system -o name")).ShouldSucceed();
        (await _kubectl.RunAsync("get clusterrole kubestash-operator-role -o name")).ShouldSucceed();
        (await _kubectl.RunAsync("get serviceaccount kubestash-controller-manager -n kubestash-system -o name")).ShouldSucceed();
        (await _kubectl.RunAsync("get service kubestash-webhook-service -n kubestash-system -o name")).ShouldSucceed();
        (await _kubectl.RunAsync("get certificates.cert-manager.io kubestash-serving-cert -n kubestash-system -o name")).ShouldSucceed();
        (await _kubectl.RunAsync("get validatingwebhookconfiguration kubestash-validating-webhook-configuration -o name")).ShouldSucceed();
    }

    [Test]
    public async Task Samples_read_back_with_every_field_they_set()
    {
        _install.ShouldSucceed();
        _samples.ShouldSucceed();
        var samples = Path.Combine(_config, "samples");
        var compared = 0;

        foreach (var file in Directory.GetFiles(samples, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml"))
        {
            foreach (var sample in YamlToJson.Documents(await File.ReadAllTextAsync(file)))
            {
                var kind = (string)sample["kind"]!;
                var group = ((string)sample["apiVersion"]!).Split('/')[0];
                var metadata = sample["metadata"]!.AsObject();
                var ns = (string?)metadata["namespace"];
                var get = $"get {kind.ToLowerInvariant()}.{group} {(string)metadata["name"]!} {(ns is null ? string.Empty : "-n " + ns)} -o json";
                var live = JsonNode.Parse((await _kubectl.RunAsync(get)).ShouldSucceed().Stdout)!;

                var missing = new List<string>();
                foreach (var (name, value) in sample)
                {
                    // With a status subresource the server ignores status on create, as kube does.
                    if (name is not ("metadata" or "status"))
                    {
                        Missing(value, live[name], name, missing);
                    }
                }

                missing.Should().BeEmpty($"{Path.GetFileName(file)} ({kind} {metadata["name"]}) must come back as it was applied");
                compared++;
            }
        }

        compared.Should().BeGreaterThan(0);
    }

    [Test]
    public async Task Kubectl_get_prints_the_declared_columns()
    {
        _install.ShouldSucceed();
        _samples.ShouldSucceed();
        var storages = (await _kubectl.RunAsync("get backupstorages.storage.kubestash.com -A")).ShouldSucceed();
        var restores = (await _kubectl.RunAsync("get restoresessions.core.kubestash.com -A")).ShouldSucceed();

        storages.Stdout.Split('\n')[0].Should().ContainAll("NAME", "PROVIDER", "DEFAULT", "DELETION-POLICY", "TOTAL-SIZE", "PHASE", "AGE");
        restores.Stdout.Split('\n')[0].Should().ContainAll("REPOSITORY", "FAILURE-POLICY", "PHASE", "DURATION", "AGE");

        (await _kubectl.RunAsync("get crd restoresessions.core.kubestash.com -o jsonpath={.spec.names.shortNames}")).ShouldSucceed()
            .Stdout.Should().Contain("restore");
    }

    private static void Missing(JsonNode? expected, JsonNode? actual, string path, List<string> missing)
    {
        switch (expected)
        {
            case null:
                return;
            case JsonObject obj:
                if (actual is not JsonObject liveObject)
                {
                    missing.Add(path);
                    return;
                }

                foreach (var (name, value) in obj)
                {
                    Missing(value, liveObject[name], $"{path}.{name}", missing);
                }

                return;
            case JsonArray array:
                if (actual is not JsonArray liveArray || liveArray.Count != array.Count)
                {
                    missing.Add(path);
                    return;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Missing(array[i], liveArray[i], $"{path}[{i}]", missing);
                }

                return;
            default:
                if (actual is null || !JsonNode.DeepEquals(expected, actual))
                {
                    missing.Add($"{path} (sent {expected.ToJsonString()}, read {actual?.ToJsonString() ?? "nothing"})");
                }

                return;
        }
    }
}

using System.Text.Json.Nodes;
using KubeStash.LocalCluster;
using KubeStash.Tests.LocalCluster;

namespace KubeStash.Tests.Generation;

/// <summary>
/// Installs config/default with the real kubectl into a LocalCluster, then creates config/samples and reads every
/// object back: nothing the samples set may have been pruned. (LocalCluster serves no server-side apply, so this uses
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

    [OneTimeSetUp]
    public async Task InstallAsync()
    {
        _config = Path.Combine(RepositoryRoot.Find(), "config");
        _server = new LocalClusterServer();
        await _server.StartAsync();
        _cache = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
        _kubectl = new Kubectl(_server.KubeconfigPath, _cache);
        _install = await _kubectl.RunAsync($"create -k {Path.Combine(_config, "default")}", timeoutSeconds: 120);
        foreach (var ns in new[] { "demo", "backup-system" })
        {
            await _kubectl.RunAsync($"create namespace {ns}");
        }

        _samples = await _kubectl.RunAsync($"create -k {Path.Combine(_config, "samples")}", timeoutSeconds: 60);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    [Test]
    public async Task Default_installation_applies_and_serves_every_crd()
    {
        _install.ShouldSucceed();
        var crdFiles = Directory.Exists(Path.Combine(_config, "crd", "bases")) ? Directory.GetFiles(Path.Combine(_config, "crd", "bases"), "*.yaml") : [];
        var names = (await _kubectl.RunAsync("get customresourcedefinitions -o name")).ShouldSucceed().Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        names.Should().HaveCount(crdFiles.Length);

        (await _kubectl.RunAsync("get deployment kubestash-controller-manager -n kubestash-system -o name")).ShouldSucceed();
        (await _kubectl.RunAsync("get clusterrole kubestash-operator-role -o name")).ShouldSucceed();
        (await _kubectl.RunAsync("get serviceaccount kubestash-controller-manager -n kubestash-system -o name")).ShouldSucceed();
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

using System.Text.Json.Nodes;
using KubeStash.Entities.Serialization;
using KubeStash.LocalCluster;
using KubeStash.Tests.LocalCluster;

namespace KubeStash.Tests.Dumper;

/// <summary>
/// A sanitized namespace dump, applied with the real kubectl into a fresh cluster, recreates every object: dumping the
/// fresh cluster the same way gives the same files with the same content (the sanitized fields are the only difference).
/// </summary>
public sealed class SanitizeReapplyTests
{
    [Test]
    public async Task A_dumped_namespace_applied_with_kubectl_into_a_fresh_cluster_recreates_every_object()
    {
        await using var source = await SeededCluster.StartAsync();
        var dump = await source.DumpToDirectoryAsync("--target=Namespace/shop");
        var files = SeededCluster.Files(dump);
        files.Should().HaveCount(12);

        await using var fresh = new LocalClusterServer();
        await fresh.StartAsync();
        await fresh.LoadYamlAsync(SeededCluster.WidgetCrd);
        var cache = Path.Combine(Path.GetTempPath(), "dumper-kubectl-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var kubectl = new Kubectl(fresh.KubeconfigPath, cache);
            // kubectl applies files in path order; the Namespace must exist before what lives in it.
            (await kubectl.RunAsync($"apply -f {Path.Combine(dump, "manifest", "namespaces")} --recursive", timeoutSeconds: 60)).ShouldSucceed();
            var applied = (await kubectl.RunAsync($"apply -f {dump} --recursive", timeoutSeconds: 60)).ShouldSucceed();
            applied.Stdout.Should().Contain("deployment.apps/web").And.Contain("widget.example.com/w1").And.Contain("pod/web-5d9-abcde");

            var redump = Path.Combine(cache, "redump");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await KubeStash.Dumper.Cli.DumperProgram.RunAsync(
                ["backup", $"--kubeconfig={fresh.KubeconfigPath}", $"--output={redump}", "--target=Namespace/shop"], stdout, stderr, new Dictionary<string, string>(), CancellationToken.None);
            code.Should().Be(0, stderr.ToString());
            SeededCluster.Files(redump).Should().Equal(files);
            foreach (var file in files)
            {
                var again = YamlJson.Parse(await File.ReadAllTextAsync(Path.Combine(redump, file))).Single().Root;
                var dumped = YamlJson.Parse(await File.ReadAllTextAsync(Path.Combine(dump, file))).Single().Root;
                JsonNode.DeepEquals(again, dumped).Should().BeTrue($"{file} should come back as it was dumped:\n{dumped?.ToJsonString()}\nagain:\n{again?.ToJsonString()}");
            }
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, recursive: true);
            }
        }
    }
}

using k8s;
using k8s.Models;
using KubeStash.LocalCluster;

namespace KubeStash.Tests.LocalCluster;

/// <summary>pods/log serves what the configured log source holds, and kubectl logs reads it.</summary>
public sealed class PodLogTests
{
    private sealed class FixedLogs : IPodLogSource
    {
        public string? Read(string @namespace, string pod, string container) =>
            (@namespace, pod, container) switch
            {
                ("default", "talker", "main") => "line 1\nline 2\nline 3\n",
                ("default", "pair", "a") => "from a\n",
                _ => null,
            };
    }

    [Test]
    public async Task Kubectl_logs_reads_container_output_and_reports_kube_errors()
    {
        await using var server = new LocalClusterServer(new LocalClusterOptions { PodLogs = new FixedLogs() });
        await server.StartAsync();
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespacedPodAsync(Pod("talker", "main"), "default");
        await client.CoreV1.CreateNamespacedPodAsync(Pod("pair", "a", "b"), "default");
        var cache = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
        try
        {
            var kubectl = new Kubectl(server.KubeconfigPath, cache);
            (await kubectl.RunAsync("logs talker")).ShouldSucceed().Stdout.Should().Be("line 1\nline 2\nline 3\n");
            (await kubectl.RunAsync("logs talker --tail=1")).ShouldSucceed().Stdout.Should().Be("line 3\n");
            (await kubectl.RunAsync("logs pair -c a")).ShouldSucceed().Stdout.Should().Be("from a\n");
            var waiting = await kubectl.RunAsync("logs pair -c b");
            waiting.ExitCode.Should().NotBe(0);
            waiting.Stderr.Should().Contain("container \"b\" in pod \"pair\" is waiting to start: ContainerCreating");
            var missing = await kubectl.RunAsync("logs nobody");
            missing.Stderr.Should().Contain("pods \"nobody\" not found");
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static V1Pod Pod(string name, params string[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [.. containers.Select(c => new V1Container { Name = c, Image = "busybox" })] },
    };
}

using k8s;
using k8s.Models;
using KubeStash.LocalCluster;
using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.LocalCluster.Workloads;

/// <summary>
/// A container that ran and wrote nothing has an empty log, as with kube: `kubectl logs` of a failed silent backup pod
/// (what `make demo` prints on failure) answers with nothing instead of claiming the container never started.
/// </summary>
public sealed class SilentContainerLogTests
{
    private sealed class StoreSource(IPodLogStore store) : IPodLogSource
    {
        public string? Read(string @namespace, string pod, string container) => store.Read(@namespace, pod, container);
    }

    [Test]
    public async Task Kubectl_logs_of_a_finished_container_that_wrote_nothing_is_empty()
    {
        var logs = new InMemoryPodLogStore();
        await using var server = new LocalClusterServer(new LocalClusterOptions { PodLogs = new StoreSource(logs) });
        await server.StartAsync();
        using var client = server.CreateClient();
        var workRoot = Directory.CreateTempSubdirectory("silent-log-").FullName;
        var cache = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
        try
        {
            await using (var workloads = new LocalWorkloads(server.CreateClient(), new LocalWorkloadsOptions
            {
                Images = new ImageMap().Add("busybox", ImageProgram.ChildProcess("/bin/sh")),
                Kubeconfigs = new ServerKubeconfigProvider(server.BaseAddress),
                WorkRoot = workRoot,
                Logs = logs,
            }))
            {
                await workloads.StartAsync(CancellationToken.None);
                await client.CoreV1.CreateNamespacedPodAsync(
                    new V1Pod
                    {
                        Metadata = new V1ObjectMeta { Name = "silent" },
                        Spec = new V1PodSpec
                        {
                            RestartPolicy = "Never",
                            Containers = [new V1Container { Name = "main", Image = "busybox", Command = ["sh", "-c", "exit 3"] }],
                        },
                    },
                    "default");
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while ((await client.CoreV1.ReadNamespacedPodAsync("silent", "default")).Status?.Phase != "Failed")
                {
                    DateTime.UtcNow.Should().BeBefore(deadline, "the pod's program exits 3 at once");
                    await Task.Delay(50);
                }

                var kubectl = new Kubectl(server.KubeconfigPath, cache);
                var result = (await kubectl.RunAsync("logs silent")).ShouldSucceed();
                result.Stdout.Should().BeEmpty();
            }
        }
        finally
        {
            Directory.Delete(workRoot, recursive: true);
            Directory.Delete(cache, recursive: true);
        }
    }
}

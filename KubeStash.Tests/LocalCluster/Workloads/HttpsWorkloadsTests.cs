using System.Diagnostics;
using k8s;
using k8s.Models;
using KubeStash.LocalCluster;
using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.LocalCluster.Workloads;

/// <summary>Pods of a server that serves HTTPS and demands a bearer token get a kubeconfig that gets them in.</summary>
public sealed class HttpsWorkloadsTests
{
    [Test]
    public async Task Programs_in_a_pod_reach_an_https_server_with_a_token_through_the_pod_kubeconfig()
    {
        await using var server = new LocalClusterServer(new LocalClusterOptions { UseHttps = true, BearerToken = "secret-token" });
        await server.StartAsync();
        using var client = server.CreateClient();
        var workRoot = Directory.CreateTempSubdirectory("workloads-https-").FullName;
        try
        {
            var images = new ImageMap()
                .Add("bitnami/kubectl", ImageProgram.ChildProcess("kubectl"))
                .Add("example.com/tools/lister", ImageProgram.InProcess(ListNamespacesAsync));
            await using var workloads = new LocalWorkloads(client, new LocalWorkloadsOptions
            {
                Images = images,
                Kubeconfigs = ServerKubeconfigProvider.FromKubeconfig(server.KubeconfigPath),
                WorkRoot = workRoot,
            });
            await workloads.StartAsync(CancellationToken.None);

            await client.BatchV1.CreateNamespacedJobAsync(
                new V1Job
                {
                    Metadata = new V1ObjectMeta { Name = "secure" },
                    Spec = new V1JobSpec
                    {
                        BackoffLimit = 0,
                        Template = new V1PodTemplateSpec
                        {
                            Spec = new V1PodSpec
                            {
                                RestartPolicy = "Never",
                                Containers =
                                [
                                    new V1Container { Name = "kubectl", Image = "bitnami/kubectl:1.32", Args = ["get", "namespaces", "-o", "name"] },
                                    new V1Container { Name = "lister", Image = "example.com/tools/lister" },
                                ],
                            },
                        },
                    },
                },
                "default");

            var stopwatch = Stopwatch.StartNew();
            V1Job job;
            do
            {
                await Task.Delay(100);
                job = await client.BatchV1.ReadNamespacedJobAsync("secure", "default");
            }
            while (JobState.FinishedCondition(job) is null && stopwatch.Elapsed < TimeSpan.FromSeconds(30));

            var pod = (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "job-name=secure")).Items.Should().ContainSingle().Subject;
            var kubectlLog = workloads.Logs.Read("default", pod.Name(), "kubectl");
            var listerLog = workloads.Logs.Read("default", pod.Name(), "lister");
            JobState.FinishedCondition(job).Should().Be("Complete", $"kubectl printed: {kubectlLog}; the lister printed: {listerLog}");
            kubectlLog.Should().Contain("namespace/kube-system");
            listerLog.Should().Contain("default").And.Contain("kube-public");
        }
        finally
        {
            Directory.Delete(workRoot, recursive: true);
        }
    }

    private static async Task<int> ListNamespacesAsync(ProcessInvocation invocation, CancellationToken cancellationToken)
    {
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(invocation.KubeconfigPath));
        var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: cancellationToken);
        await invocation.StandardOutput.WriteLineAsync(string.Join(' ', namespaces.Items.Select(n => n.Name())));
        return 0;
    }
}

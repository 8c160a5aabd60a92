using k8s;
using KubeStash.LocalCluster;
using KubeStash.LocalCluster.Workloads;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Tests.LocalCluster;
using KubeStash.Tests.Runtime;
using KubeStash.Tests.TestServers;
using Microsoft.AspNetCore.Builder;

namespace KubeStash.Tests.Lifecycle;

/// <summary>
/// LocalCluster with the KubeStash CRDs, the real S3 server, the operator (as <c>run</c> registers it) and kubectl.
/// </summary>
internal sealed class LifecycleEnvironment : IAsyncDisposable
{
    public const string OperatorImage = TestOperatorHost.OperatorImage;

    private readonly string kubectlCache = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
    private WebApplication? app;
    private int operatorPort;

    private LifecycleEnvironment(LocalClusterServer cluster, S3TestServer s3, Kubernetes kubernetes)
    {
        Cluster = cluster;
        S3 = s3;
        Kubernetes = kubernetes;
        Client = new KubernetesEntityClient(kubernetes);
        Kubectl = new Kubectl(cluster.KubeconfigPath, kubectlCache);
    }

    public LocalClusterServer Cluster { get; }

    public S3TestServer S3 { get; }

    public Kubernetes Kubernetes { get; }

    public KubernetesEntityClient Client { get; }

    public Kubectl Kubectl { get; }

    public LocalWorkloads? Workloads { get; private set; }

    /// <summary>Also runs LocalCluster's kubelet, Job and CronJob controllers with the given images.</summary>
    public async Task StartWorkloadsAsync(ImageMap images)
    {
        Workloads = new LocalWorkloads(Cluster.CreateClient(), new LocalWorkloadsOptions
        {
            Images = images,
            Kubeconfigs = ServerKubeconfigProvider.FromKubeconfig(Cluster.KubeconfigPath),
            MaxParallelPods = 4,
            RetryBackoff = TimeSpan.FromMilliseconds(200),
        });
        await Workloads.StartAsync(CancellationToken.None);
    }

    /// <summary>
    /// Starts everything; with <paramref name="webhooks"/> the committed config/webhook/manifests.yaml is loaded and its
    /// service reference points at the operator, so the API server consults the operator's admission webhooks.
    /// </summary>
    public static async Task<LifecycleEnvironment> StartAsync(bool webhooks = false)
    {
        var s3 = await S3TestServer.GetAsync();
        var port = FreePort.Next();
        var cluster = new LocalClusterServer(new LocalClusterOptions
        {
            WebhookServices = new Dictionary<string, Uri> { ["system/webhook-service"] = new($"http://127.0.0.1:{port}/") },
        });
        await cluster.StartAsync();
        await cluster.LoadManifestsAsync(Path.Combine(RepositoryRoot.Path, "config", "crd", "bases"));
        var kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.BaseAddress.ToString().TrimEnd('/') });
        var environment = new LifecycleEnvironment(cluster, s3, kubernetes) { operatorPort = port };
        await environment.StartOperatorAsync();
        if (webhooks)
        {
            await cluster.LoadManifestsAsync(Path.Combine(RepositoryRoot.Path, "config", "webhook", "manifests.yaml"));
        }

        return environment;
    }

    public async Task StartOperatorAsync() => app = await TestOperatorHost.StartAsync(Cluster.BaseAddress, operatorPort);

    public async Task StopOperatorAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public async Task<KubectlResult> ApplyAsync(string yaml)
    {
        var result = await Kubectl.RunAsync("apply -f -", yaml);
        result.ExitCode.Should().Be(0, $"kubectl apply failed: {result.Stderr}");
        return result;
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int timeoutMilliseconds = 15_000, Func<Task<string>>? onTimeout = null)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}{(onTimeout is null ? string.Empty : "\n" + await onTimeout())}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopOperatorAsync();
        if (Workloads is not null)
        {
            await Workloads.DisposeAsync();
        }

        Kubernetes.Dispose();
        await Cluster.DisposeAsync();
        Directory.Delete(kubectlCache, recursive: true);
    }
}

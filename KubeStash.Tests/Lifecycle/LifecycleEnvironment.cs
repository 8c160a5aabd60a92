using k8s;
using KubeStash.Entities.Core;
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

    /// <summary>
    /// Runs trigger CronJob <paramref name="cronJob"/> now (its pod runs trigger-backup) and returns the BackupSession it
    /// created: the first new one in the namespace, of BackupConfiguration <paramref name="invoker"/> when given.
    /// </summary>
    public async Task<BackupSession> RunNowAsync(string ns, string cronJob, string? invoker = null, int timeoutMilliseconds = 15_000)
    {
        var before = (await Client.ListAsync<BackupSession>(ns, null, default)).Items.Select(s => s.Metadata.Name).ToHashSet();
        await Workloads!.CronJobs.RunNowAsync(ns, cronJob);
        BackupSession? created = null;
        await EventuallyAsync(
            async () =>
            {
                created = (await Client.ListAsync<BackupSession>(ns, null, default)).Items
                    .FirstOrDefault(s => !before.Contains(s.Metadata.Name) && (invoker is null || s.Spec.Invoker?.Name == invoker));
                return created is not null;
            },
            $"the trigger pod of {cronJob} created a BackupSession",
            timeoutMilliseconds,
            () => DescribePodsAsync(ns));
        return created!;
    }

    /// <summary>BackupSession <paramref name="name"/> once it has Succeeded or Failed.</summary>
    public async Task<BackupSession> FinishedAsync(string ns, string name, int timeoutMilliseconds = 30_000)
    {
        BackupSession? session = null;
        await EventuallyAsync(
            async () =>
            {
                session = await Client.GetAsync<BackupSession>(name, ns, default);
                return session?.Status.Phase is BackupSessionPhase.Succeeded or BackupSessionPhase.Failed;
            },
            $"BackupSession {ns}/{name} finished",
            timeoutMilliseconds,
            () => DescribePodsAsync(ns));
        return session!;
    }

    /// <summary>Each pod of <paramref name="ns"/>: phase, container states and log, for a timeout's message.</summary>
    public async Task<string> DescribePodsAsync(string ns)
    {
        var pods = await Kubernetes.CoreV1.ListNamespacedPodAsync(ns);
        return string.Join("\n", pods.Items.Select(p =>
            $"{p.Metadata.Name}: {p.Status?.Phase} {string.Join(",", p.Status?.ContainerStatuses?.Select(c => $"{c.State?.Waiting?.Reason}{c.State?.Waiting?.Message}{c.State?.Terminated?.ExitCode}") ?? [])} " +
            $"log: {Workloads!.Logs.Read(ns, p.Metadata.Name, p.Spec.Containers[0].Name)}"));
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

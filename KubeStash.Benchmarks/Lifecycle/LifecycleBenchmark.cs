using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s;
using KubeStash.Benchmarks.Runtime;
using KubeStash.Entities.Core;
using KubeStash.Entities.Storage;
using KubeStash.LocalCluster;
using KubeStash.Operator;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeStash.Benchmarks.Lifecycle;

/// <summary>
/// <c>lifecycle [--configs N]</c>: an in-process LocalCluster and the operator as <c>run</c> registers it; one local
/// BackupStorage, then N BackupConfigurations created at once. Prints the time until the storage is Ready, until every
/// configuration is Ready (its Repository initialised on disk, its trigger CronJob created), throughput and peak RSS.
/// </summary>
internal static class LifecycleBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configs = 200;
        for (var i = 0; i < args.Length; i++)
        {
            configs = args[i] switch
            {
                "--configs" when i + 1 < args.Length && int.TryParse(args[++i], CultureInfo.InvariantCulture, out var n) && n > 0 => n,
                _ => throw new ArgumentException($"lifecycle: unknown or invalid argument \"{args[i]}\" (usage: lifecycle [--configs N])"),
            };
        }

        var root = FindRepositoryRoot();
        var storageDirectory = Directory.CreateTempSubdirectory("bench-lifecycle-").FullName;
        await using var cluster = new LocalClusterServer();
        await cluster.StartAsync();
        await cluster.LoadManifestsAsync(Path.Combine(root, "config", "crd", "bases"));
        await cluster.LoadManifestsAsync(Path.Combine(root, "config", "samples", "addons_v1alpha1_addon_kubedump.yaml"));
        await cluster.LoadManifestsAsync(Path.Combine(root, "config", "samples", "addons_v1alpha1_function_kubedump_backup.yaml"));
        using var kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.BaseAddress.ToString().TrimEnd('/') });
        var client = new KubernetesEntityClient(kubernetes);

        var port = FreePort();
        var builder = OperatorWebApplication.CreateBuilder([], new OperatorServerOptions
        {
            BindAddress = "127.0.0.1",
            WebhookPort = port,
            ProbePort = port,
            MetricsPort = port,
            AllowPlainHttpWebhooks = true,
            CertificateDirectory = Path.Combine(storageDirectory, "no-certificates"),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new KubernetesClientConfiguration { Host = cluster.BaseAddress.ToString().TrimEnd('/') });
        builder.Services.AddKubernetesOperator(o => o.Name = BackupOperator.Name).AddBackupControllers(new BackupOperatorSettings());
        await using var app = builder.Build();
        app.MapOperatorEndpoints();
        await app.StartAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            await cluster.LoadYamlAsync($"""
                apiVersion: storage.kubestash.com/v1alpha1
                kind: BackupStorage
                metadata:
                  name: local-storage
                  namespace: default
                spec:
                  storage:
                    provider: local
                    local:
                      mountPath: {storageDirectory}
                      hostPath:
                        path: {storageDirectory}
                  default: true
                  deletionPolicy: WipeOut
                """);
            await WaitAsync(async () => (await client.GetAsync<BackupStorage>("local-storage", "default", default))?.Status.Phase == BackupStoragePhase.Ready);
            var storageReady = clock.Elapsed;

            clock.Restart();
            await Parallel.ForEachAsync(Enumerable.Range(0, configs), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
                await cluster.LoadYamlAsync(Configuration(i), ct));
            var created = clock.Elapsed;
            await WaitAsync(async () =>
                (await client.ListAsync<BackupConfiguration>("default", null, default)).Items.Count(c => c.Status.Phase == BackupInvokerPhase.Ready) == configs);
            var allReady = clock.Elapsed;
            var cronJobs = (await kubernetes.BatchV1.ListNamespacedCronJobAsync("default")).Items.Count;
            var repositoryFiles = Directory.GetFiles(storageDirectory, "repository.yaml", SearchOption.AllDirectories).Length;

            Console.WriteLine($"bench-lifecycle: {configs} BackupConfigurations (1 session, 1 repository each), local BackupStorage, in-process LocalCluster");
            Console.WriteLine($"  storage Ready (metadata.yaml written): {storageReady.TotalMilliseconds:F0} ms");
            Console.WriteLine($"  create {configs} configurations:       {created.TotalMilliseconds:F0} ms");
            Console.WriteLine($"  create -> all Ready:                  {allReady.TotalMilliseconds:F0} ms ({configs / allReady.TotalSeconds:F1} configurations/s)");
            Console.WriteLine($"  trigger CronJobs: {cronJobs}, repository.yaml files: {repositoryFiles}");
            Console.WriteLine($"  peak RSS (LocalCluster + operator in one process): {PeakRss.PeakMiB():F0} MiB");
            return cronJobs == configs && repositoryFiles == configs ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(storageDirectory, recursive: true);
        }
    }

    private static string Configuration(int i) => $"""
        apiVersion: core.kubestash.com/v1alpha1
        kind: BackupConfiguration
        metadata:
          name: config-{i:D5}
          namespace: default
        spec:
          target:
            apiGroup: ""
            kind: Namespace
            name: default
          backends:
          - name: local-backend
          sessions:
          - name: hourly
            scheduler:
              schedule: "0 * * * *"
              jobTemplate:
                backoffLimit: 1
            repositories:
            - name: repo-{i:D5}
              backend: local-backend
              directory: /repos/{i:D5}
            addon:
              name: kubedump-addon
              tasks:
              - name: manifest-backup
        """;

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("bench-lifecycle: objects did not become Ready within 10 minutes");
            }

            await Task.Delay(50);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KubeStash.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("bench-lifecycle: run it from the repository (KubeStash.sln not found above the build output)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

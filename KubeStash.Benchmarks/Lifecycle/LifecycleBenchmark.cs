using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using k8s;
using KubeStash.Benchmarks.Runtime;
using KubeStash.Entities.Core;
using KubeStash.Entities.Storage;
using KubeStash.LocalCluster;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Builders;
using KubeStash.Operator.Runtime.Client;

namespace KubeStash.Benchmarks.Lifecycle;

/// <summary>
/// <c>lifecycle</c>: this process hosts a LocalCluster (HTTPS, bearer token, the committed CRDs, the kubedump Addon and
/// Function, and the operator's validating webhooks) and runs the operator's Release build as a child process
/// (<see cref="OperatorProcess"/>, leader election on), as it would run in a pod. A local BackupStorage and a
/// RetentionPolicy are applied, then N BackupConfigurations at once; the figure is the time until every one is Ready
/// (phase Ready, its Repository Ready with <c>repository.yaml</c> on disk, its trigger CronJob present). Then "run now":
/// BackupSessions created the way <c>trigger-backup</c> creates them, one at a time on the settled operator and then a
/// burst at once, each timed from the start of the trigger to the backup Job appearing in a watch. Prints the figures,
/// the operator's peak RSS (VmHWM) and CPU time, and the machine's load for context.
/// </summary>
internal static class LifecycleBenchmark
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(LifecycleBenchmarkOptions options)
    {
        var root = FindRepositoryRoot();
        var work = Directory.CreateTempSubdirectory("bench-lifecycle-").FullName;
        var storageDirectory = Path.Combine(work, "storage");
        Directory.CreateDirectory(storageDirectory);
        var loadBefore = LoadAverage();
        var webhookPort = FreePort();
        await using var cluster = new LocalClusterServer(new LocalClusterOptions
        {
            UseHttps = true,
            BearerToken = "bench-lifecycle",
            KubeconfigPath = Path.Combine(work, "kubeconfig"),
            WebhookServices = new Dictionary<string, Uri> { ["system/webhook-service"] = new($"http://127.0.0.1:{webhookPort}/") },
        });
        await cluster.StartAsync();
        await cluster.LoadManifestsAsync(Path.Combine(root, "config", "crd", "bases"));
        await cluster.LoadManifestsAsync(Path.Combine(root, "config", "samples", "addons_v1alpha1_addon_kubedump.yaml"));
        await cluster.LoadManifestsAsync(Path.Combine(root, "config", "samples", "addons_v1alpha1_function_kubedump_backup.yaml"));
        await cluster.LoadYamlAsync("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kubestash\n");
        using var kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath));
        var client = new KubernetesEntityClient(kubernetes);

        var operatorProcess = await OperatorProcess.StartAsync(cluster.KubeconfigPath, webhookPort, "kubestash", Path.Combine(work, "no-certificates"));
        try
        {
            await cluster.LoadManifestsAsync(Path.Combine(root, "config", "webhook", "manifests.yaml"));
            await using var observer = new LifecycleObserver(client);
            observer.Start();
            var idleRss = operatorProcess.CurrentMiB();

            var clock = Stopwatch.StartNew();
            await cluster.LoadYamlAsync(LifecycleManifests.Storage(storageDirectory));
            await WaitAsync(
                async () => (await client.GetAsync<BackupStorage>(LifecycleManifests.StorageName, LifecycleManifests.StorageNamespace, default))?.Status.Phase == BackupStoragePhase.Ready,
                operatorProcess,
                "the BackupStorage to be Ready");
            var storageReady = clock.Elapsed;
            for (var n = 0; n < options.Namespaces; n++)
            {
                await cluster.LoadYamlAsync(LifecycleManifests.TeamNamespace(LifecycleManifests.Namespace(n), options.Encrypted));
            }

            var configurations = Enumerable.Range(0, options.Configs)
                .Select(i => (Namespace: LifecycleManifests.Namespace(i % options.Namespaces), Name: LifecycleManifests.ConfigurationName(i), Index: i))
                .ToList();
            var cpuBefore = operatorProcess.CpuTime();
            var firstCreate = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(configurations, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, token) =>
                await client.CreateAsync(KubernetesJson.Deserialize<BackupConfiguration>(LifecycleManifests.Configuration(c.Index, c.Namespace, options.Encrypted)), token));
            var createdIn = Stopwatch.GetElapsedTime(firstCreate);
            await WaitAsync(
                () => Task.FromResult(configurations.All(c => observer.ReadyConfigurations.Has(Key(c)) && observer.ReadyRepositories.Has($"{c.Namespace}/app-{c.Index:D4}-repo")
                                                            && observer.CronJobs.Has($"{c.Namespace}/{ObjectNames.TriggerCronJob(c.Name, LifecycleManifests.SessionName)}"))),
                operatorProcess,
                $"{options.Configs} BackupConfigurations to be Ready");
            var lastReady = configurations.Max(c => Math.Max(
                observer.ReadyConfigurations.WhenSeenAsync(Key(c)).Result,
                Math.Max(
                    observer.ReadyRepositories.WhenSeenAsync($"{c.Namespace}/app-{c.Index:D4}-repo").Result,
                    observer.CronJobs.WhenSeenAsync($"{c.Namespace}/{ObjectNames.TriggerCronJob(c.Name, LifecycleManifests.SessionName)}").Result)));
            var allReady = Stopwatch.GetElapsedTime(firstCreate, lastReady);
            var readyCpu = operatorProcess.CpuTime() - cpuBefore;
            var readyRss = operatorProcess.CurrentMiB();
            var readyPeak = operatorProcess.PeakMiB();
            var repositoryFiles = Directory.GetFiles(storageDirectory, "repository.yaml", SearchOption.AllDirectories).Length;

            // Let the requeues of the burst die down before timing single "run now" requests on a settled operator.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var trigger = new BackupSessionTrigger(client, TimeProvider.System);
            var single = new List<double>();
            foreach (var c in configurations.Take(options.RunNowSamples))
            {
                single.Add(await RunNowAsync(trigger, observer, c.Namespace, c.Name));
                await Task.Delay(50);
            }

            var sequentialPeak = operatorProcess.PeakMiB();
            var burstLatencies = new List<double>();
            var burstStart = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(configurations.Skip(options.RunNowSamples).Take(options.BurstSamples), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, _) =>
            {
                var latency = await RunNowAsync(trigger, observer, c.Namespace, c.Name);
                lock (burstLatencies)
                {
                    burstLatencies.Add(latency);
                }
            });
            var burstWall = Stopwatch.GetElapsedTime(burstStart);
            operatorProcess.ThrowIfExited();
            single.Sort();
            burstLatencies.Sort();

            Console.WriteLine($"bench-lifecycle: {options.Configs} BackupConfigurations in {options.Namespaces} namespaces, 1 session + 1 repository each"
                              + $"{(options.Encrypted ? ", encrypted repositories" : string.Empty)}; local BackupStorage; LocalCluster (HTTPS) in this process,"
                              + " the operator's Release build as a child process (leader election, webhooks)");
            Console.WriteLine($"  storage Ready (metadata.yaml written):   {storageReady.TotalMilliseconds:F0} ms");
            Console.WriteLine($"  create {options.Configs} configurations (16 at a time): {createdIn.TotalSeconds:F2} s");
            Console.WriteLine($"  first create -> all Ready:               {allReady.TotalSeconds:F2} s ({options.Configs / allReady.TotalSeconds:F1} configurations/s; target <= 60 s)");
            Console.WriteLine($"    Ready = phase Ready + Repository Ready + trigger CronJob present; repository.yaml files on disk: {repositoryFiles}");
            Console.WriteLine($"    operator CPU time meanwhile:           {readyCpu.TotalSeconds:F1} s");
            if (single.Count > 0)
            {
                Console.WriteLine($"  run now -> backup Job, one at a time:    p50 {Percentile(single, 50):F1} ms, p99 {Percentile(single, 99):F1} ms, max {single[^1]:F1} ms ({single.Count} samples; target p99 <= 200 ms)");
            }

            if (burstLatencies.Count > 0)
            {
                Console.WriteLine($"  run now -> backup Job, {burstLatencies.Count} at once:       p50 {Percentile(burstLatencies, 50):F1} ms, p99 {Percentile(burstLatencies, 99):F1} ms (all Jobs in {burstWall.TotalSeconds:F2} s)");
            }

            Console.WriteLine($"  operator RSS: idle {idleRss:F0} MiB, at all Ready {readyRss:F0} MiB; peak (VmHWM) until all Ready {readyPeak:F0} MiB,"
                              + $" after run now one at a time {sequentialPeak:F0} MiB{(burstLatencies.Count > 0 ? $", after the burst {operatorProcess.PeakMiB():F0} MiB" : string.Empty)} (target <= 200 MiB)");
            Console.WriteLine($"  operator CPU time, whole run:            {operatorProcess.CpuTime().TotalSeconds:F1} s");
            Console.WriteLine($"  this process (LocalCluster + driver) peak RSS: {PeakRss.PeakMiB():F0} MiB (not part of the target)");
            Console.WriteLine($"  load average before/after: {loadBefore} / {LoadAverage()} ({Environment.ProcessorCount} CPUs, shared)");
            return repositoryFiles == options.Configs ? 0 : 1;
        }
        finally
        {
            operatorProcess.Dispose();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<double> RunNowAsync(BackupSessionTrigger trigger, LifecycleObserver observer, string ns, string configuration)
    {
        var start = Stopwatch.GetTimestamp();
        var session = await trigger.TriggerAsync(ns, BackupSessionTrigger.BackupConfigurationKind, configuration, LifecycleManifests.SessionName, CancellationToken.None);
        var job = $"{ns}/{BackupJobBuilder.JobName(session)}";
        var seen = await observer.Jobs.WhenSeenAsync(job).WaitAsync(JobTimeout);
        return Stopwatch.GetElapsedTime(start, seen).TotalMilliseconds;
    }

    private static string Key((string Namespace, string Name, int Index) c) => $"{c.Namespace}/{c.Name}";

    private static double Percentile(List<double> sorted, int percentile)
        => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task WaitAsync(Func<Task<bool>> condition, OperatorProcess operatorProcess, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            operatorProcess.ThrowIfExited();
            if (deadline.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"bench-lifecycle: waited {ReadyTimeout.TotalMinutes:F0} minutes for {what}");
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

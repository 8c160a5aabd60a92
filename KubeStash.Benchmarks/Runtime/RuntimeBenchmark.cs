using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Operator.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeStash.Benchmarks.Runtime;

/// <summary>
/// bench-runtime: N entities created at once against LocalCluster (its own process); this process runs the operator
/// runtime (host, watch, queue, controller writing status) plus the small driver that creates the objects. Prints the
/// time until all are reconciled, create→reconcile latency percentiles (burst and idle queue) and this process's peak RSS.
/// </summary>
internal static class RuntimeBenchmark
{
    public static async Task<int> RunAsync(RuntimeBenchmarkOptions options)
    {
        using var cluster = await LocalClusterProcess.StartAsync();
        using var kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.BaseAddress.ToString().TrimEnd('/') });
        await kubernetes.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(BenchWidget.CustomResourceDefinition));
        await kubernetes.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench" } });
        var driver = new KubernetesEntityClient(kubernetes);
        var probe = new ReconcileProbe();

        await using var app = BuildOperator(cluster.BaseAddress, probe);
        await app.StartAsync();
        var runtime = app.Services.GetRequiredService<OperatorRuntime>();
        await WaitAsync(() => runtime.IsReady, TimeSpan.FromSeconds(30), "the operator's watch to sync");
        var idleRss = PeakRss.CurrentMiB();

        var burst = Enumerable.Range(0, options.Entities).Select(i => $"burst-{i:D5}").ToList();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(burst, new ParallelOptions { MaxDegreeOfParallelism = options.Creators }, async (name, token) =>
        {
            probe.Created(name);
            await driver.CreateAsync(NewWidget(name), token);
        });
        var createdIn = clock.Elapsed;
        await WaitAsync(() => burst.All(probe.HasFinished), TimeSpan.FromMinutes(5), "every entity to be reconciled");
        var allReconciled = probe.FirstCreateToLastFinish(burst);
        var burstLatency = probe.Latencies(burst);

        var idle = Enumerable.Range(0, options.IdleSamples).Select(i => $"idle-{i:D4}").ToList();
        foreach (var name in idle)
        {
            probe.Created(name);
            await driver.CreateAsync(NewWidget(name), CancellationToken.None);
            await WaitAsync(() => probe.HasFinished(name), TimeSpan.FromSeconds(30), $"{name} to be reconciled");
        }

        var idleLatency = probe.Latencies(idle);
        Console.WriteLine("bench-runtime: operator runtime against LocalCluster (separate process) over HTTP");
        Console.WriteLine($"  entities created at once:        {options.Entities} ({options.Creators} concurrent creators, created in {createdIn.TotalSeconds:F2} s)");
        Console.WriteLine($"  first create -> all reconciled:  {allReconciled.TotalSeconds:F2} s   (target <= 10 s)");
        Console.WriteLine($"  create -> reconcile, burst:      p50 {Percentile(burstLatency, 50):F1} ms, p99 {Percentile(burstLatency, 99):F1} ms");
        Console.WriteLine($"  create -> reconcile, idle queue: p50 {Percentile(idleLatency, 50):F1} ms, p99 {Percentile(idleLatency, 99):F1} ms   (target p99 <= 100 ms; {options.IdleSamples} samples)");
        Console.WriteLine($"  peak RSS, operator process:      {PeakRss.PeakMiB():F1} MiB (after the initial sync: {idleRss:F1} MiB; target <= 150 MiB)");
        Console.WriteLine($"  peak RSS, LocalCluster process:  {cluster.PeakMiB():F1} MiB (not part of the target)");
        await app.StopAsync();
        return 0;
    }

    private static WebApplication BuildOperator(Uri apiServer, ReconcileProbe probe)
    {
        var builder = OperatorWebApplication.CreateBuilder([], new OperatorServerOptions
        {
            BindAddress = "127.0.0.1",
            WebhookPort = FreePort(),
            ProbePort = FreePort(),
            MetricsPort = FreePort(),
            AllowPlainHttpWebhooks = true,
            CertificateDirectory = Path.Combine(Path.GetTempPath(), $"bench-runtime-no-certificates-{Guid.NewGuid():N}"),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new KubernetesClientConfiguration { Host = apiServer.ToString().TrimEnd('/') });
        builder.Services.AddSingleton(probe);
        builder.Services.AddKubernetesOperator(o =>
            {
                o.Name = "bench-operator";
                o.Namespace = "bench";
            })
            .AddController<BenchWidgetController, BenchWidget>(c => c.GenerationChangedOnly = true);
        var app = builder.Build();
        app.MapOperatorEndpoints();
        return app;
    }

    private static BenchWidget NewWidget(string name)
        => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "bench" }, Spec = new BenchWidgetSpec { Size = 1 } };

    private static double Percentile(List<double> sorted, int percentile)
        => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"bench-runtime: waited {timeout.TotalSeconds:F0} s for {what}");
            }

            await Task.Delay(2);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

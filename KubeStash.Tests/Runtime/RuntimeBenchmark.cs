using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KubeStash.Tests.Runtime;

/// <summary>
/// `make bench-runtime`: 1,000 entities created at once against a LocalCluster running in its own process, so the peak
/// RSS printed is this process (test host + operator runtime) only. Prints figures; asserts only that everything was
/// reconciled.
/// </summary>
[Explicit("benchmark; run with make bench-runtime")]
[Category("Benchmark")]
public sealed class RuntimeBenchmark
{
    private const int Burst = 1000;
    private const int IdleSamples = 100;

    [Test]
    public async Task Reconcile_a_thousand_entities_created_at_once()
    {
        using var cluster = await ExternalCluster.StartAsync();
        using var kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.BaseAddress.ToString().TrimEnd('/') });
        await kubernetes.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(TestWidgetCrd.Yaml));
        await kubernetes.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench" } });
        var user = new KubernetesEntityClient(kubernetes);
        var probe = new BenchmarkProbe();
        GC.Collect();
        var baselineRss = Process.GetCurrentProcess().WorkingSet64;

        await using var op = await TestOperator.StartAsync(
            cluster.BaseAddress,
            "bench",
            register: b =>
            {
                b.Services.AddSingleton(probe);
                b.AddController<BenchmarkController, TestWidget>(c => c.GenerationChangedOnly = true);
            });
        await WaitAsync(() => op.Services.GetRequiredService<Operator.Runtime.Hosting.OperatorRuntime>().IsReady, TimeSpan.FromSeconds(30));

        var burst = Enumerable.Range(0, Burst).Select(i => $"burst-{i:D4}").ToList();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(burst, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (name, token) =>
        {
            probe.Created(name);
            await user.CreateAsync(TestWidget.Create(name, "bench"), token);
        });
        var createdIn = clock.Elapsed;
        await WaitAsync(() => burst.All(probe.HasFinished), TimeSpan.FromSeconds(120));
        var allReconciled = probe.FirstCreateToLastFinish(burst);
        var burstLatency = probe.Latencies(burst);

        var idle = Enumerable.Range(0, IdleSamples).Select(i => $"idle-{i:D3}").ToList();
        foreach (var name in idle)
        {
            probe.Created(name);
            await user.CreateAsync(TestWidget.Create(name, "bench"), CancellationToken.None);
            await WaitAsync(() => probe.HasFinished(name), TimeSpan.FromSeconds(10));
        }

        var idleLatency = probe.Latencies(idle);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var peakRss = self.PeakWorkingSet64;
        var clusterRss = cluster.PeakRss();

        var report = string.Join(
            Environment.NewLine,
            "bench-runtime: operator runtime against LocalCluster (separate process) over HTTP",
            $"  entities created at once:        {Burst} (32 concurrent creators, created in {createdIn.TotalSeconds:F2} s)",
            $"  first create -> all reconciled:  {allReconciled.TotalSeconds:F2} s   (target <= 10 s)",
            $"  create -> reconcile, burst:      p50 {Percentile(burstLatency, 50):F1} ms, p99 {Percentile(burstLatency, 99):F1} ms",
            $"  create -> reconcile, idle queue: p50 {Percentile(idleLatency, 50):F1} ms, p99 {Percentile(idleLatency, 99):F1} ms   (target p99 <= 100 ms; {IdleSamples} samples)",
            $"  peak RSS, test host + operator:  {peakRss / 1048576.0:F1} MiB (baseline before the operator started: {baselineRss / 1048576.0:F1} MiB; target <= 150 MiB)",
            $"  peak RSS, LocalCluster process:  {clusterRss / 1048576.0:F1} MiB (not part of the target)");
        await TestContext.Out.WriteLineAsync(report);
        await Console.Out.WriteLineAsync(report);
        probe.Finished.Should().Be(Burst + IdleSamples);
    }

    private static double Percentile(List<double> sorted, int percentile)
        => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                Assert.Fail($"benchmark condition not met within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
            }

            await Task.Delay(2);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using k8s;

namespace KubeStash.LocalCluster.Bench;

/// <summary>
/// The LocalCluster benchmark: bulk-create N ConfigMaps in-process, then list them all with limit/continue
/// pagination through KubernetesClient over HTTP, and report throughput and the server process's peak memory.
/// </summary>
internal static class ListBenchmark
{
    public static async Task<int> RunAsync(int objects, int pageSize, TextWriter output, CancellationToken cancellationToken)
    {
        await using var server = new LocalClusterServer(new LocalClusterOptions { HistoryLimit = 10_000 });
        await server.StartAsync(cancellationToken);
        var create = Stopwatch.StartNew();
        await server.BulkCreateConfigMapsAsync("default", objects, "bench", 64, cancellationToken);
        create.Stop();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapAfterLoad = GC.GetTotalMemory(forceFullCollection: true);

        using var client = server.CreateClient();
        var list = Stopwatch.StartNew();
        var seen = 0;
        var pages = 0;
        string? continueToken = null;
        do
        {
            var page = await client.CoreV1.ListNamespacedConfigMapAsync("default", limit: pageSize, continueParameter: continueToken, cancellationToken: cancellationToken);
            seen += page.Items.Count;
            pages++;
            continueToken = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));
        list.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();

        string F(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
        await output.WriteLineAsync($"objects created in-process: {objects} in {F(create.Elapsed.TotalSeconds)} s ({F(objects / create.Elapsed.TotalSeconds)} objects/s)");
        await output.WriteLineAsync($"listed over HTTP: {seen} objects in {pages} pages of {pageSize} in {F(list.Elapsed.TotalSeconds)} s ({F(seen / list.Elapsed.TotalSeconds)} objects/s)");
        await output.WriteLineAsync($"managed heap after load: {F(heapAfterLoad / 1048576.0)} MiB ({F(heapAfterLoad / (double)Math.Max(1, objects))} bytes/object)");
        await output.WriteLineAsync($"peak working set of the process (server and client): {F(process.PeakWorkingSet64 / 1048576.0)} MiB");
        if (seen != objects)
        {
            await output.WriteLineAsync($"ERROR: listed {seen} objects, expected {objects}");
            return 1;
        }
        return 0;
    }
}

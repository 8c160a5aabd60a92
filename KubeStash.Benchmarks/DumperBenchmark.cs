using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using KubeStash.LocalCluster;

namespace KubeStash.Benchmarks;

/// <summary>
/// The Dumper against a LocalCluster seeded with ConfigMaps, Secrets, Deployments and a CRD's instances across
/// 200 namespaces, at two sizes. For each: the Dumper as a child process with its container image's GC settings
/// (wall time, its own peak RSS from /usr/bin/time); the floor — the same paginated LIST requests (same page size,
/// same collections in flight) with every body parsed into a JSON document, also as a child process with the same
/// settings (<see cref="ListFloor"/>); and a <c>kubectl get &lt;type&gt; -A -o yaml</c> loop over the same types
/// (what kube-dump does). Prints figures and ratios; asserts nothing. <c>--dumper</c> names the Dumper to run: its
/// executable (make bench-dumper publishes it as its container image does, self-contained composite ReadyToRun) or a
/// framework-dependent dll. <c>--serve</c> seeds the largest size and
/// keeps the cluster up (kubeconfig printed) for profiling the Dumper by hand.
/// </summary>
internal sealed class DumperBenchmark(int[] sizes, int namespaces, int pageSize, int parallelism, int runs, bool serve, string? dumperPath)
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.bench.example.com}
        spec:
          group: bench.example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    private static readonly (string Path, string KubectlType)[] Types =
    [
        ("/api/v1/configmaps", "configmaps"),
        ("/api/v1/secrets", "secrets"),
        ("/apis/apps/v1/deployments", "deployments.apps"),
        ("/apis/bench.example.com/v1/widgets", "widgets.bench.example.com"),
    ];

    public async Task<int> RunAsync()
    {
        // The Dumper as published for its image (make bench-dumper passes --dumper), else its build output.
        var dumper = dumperPath ?? Path.Combine(AppContext.BaseDirectory.Replace("KubeStash.Benchmarks", "KubeStash.Dumper", StringComparison.Ordinal), "KubeStash.Dumper.dll");
        if (!File.Exists(dumper))
        {
            throw new ArgumentException($"dumper: {dumper} is missing (build KubeStash.Benchmarks, or publish the Dumper as make bench-dumper does)");
        }

        var work = Path.Combine(Path.GetTempPath(), "dumper-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        await using var cluster = new LocalClusterServer(new LocalClusterOptions { HistoryLimit = 1000 });
        await cluster.StartAsync();
        await cluster.LoadYamlAsync(Crd);
        for (var n = 0; n < namespaces; n++)
        {
            await cluster.LoadYamlAsync($"apiVersion: v1\nkind: Namespace\nmetadata: {{name: bench-{n:D3}}}\n");
        }

        var seeded = 0;
        var results = new List<string>();
        try
        {
            if (serve)
            {
                await SeedAsync(cluster, 0, sizes[^1]);
                Console.WriteLine($"seeded {sizes[^1]} objects; kubeconfig {cluster.KubeconfigPath}; Ctrl-C or SIGTERM stops");
                var stopped = new TaskCompletionSource();
                void Stop(PosixSignalContext signal)
                {
                    signal.Cancel = true;
                    stopped.TrySetResult();
                }

                using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
                using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
                await stopped.Task;
                return 0;
            }

            foreach (var size in sizes)
            {
                var clock = Stopwatch.StartNew();
                await SeedAsync(cluster, seeded, size);
                seeded = size;
                Console.WriteLine($"seeded {size} objects in {clock.Elapsed.TotalSeconds:0.0}s");
                for (var run = 0; run < runs; run++)
                {
                    var floor = await RunFloorAsync(cluster.BaseAddress);
                    var kubectl = await TimeAsync(() => KubectlLoopAsync(cluster.KubeconfigPath, work));
                    var output = Path.Combine(work, $"snapshot-{size}-{run}");
                    var dump = await RunDumperAsync(dumper, cluster.KubeconfigPath, $"local://{output}");
                    var line = string.Create(
                        CultureInfo.InvariantCulture,
                        $"objects {size,7}: dumper {dump.Wall.TotalSeconds,5:0.00}s (in-process {dump.Inside.TotalSeconds,5:0.00}s, CPU {dump.Cpu.TotalSeconds,5:0.00}s) peak RSS {dump.PeakMiB,5:0.0} MiB | floor {floor.Wall.TotalSeconds,5:0.00}s (in-process {floor.Inside.TotalSeconds,5:0.00}s, CPU {floor.Cpu.TotalSeconds,5:0.00}s) {floor.PeakMiB,5:0.0} MiB | kubectl loop {kubectl.TotalSeconds,6:0.00}s | dumper/floor {dump.Wall / floor.Wall,4:0.0}x (in-process {dump.Inside / floor.Inside,4:0.0}x, CPU {dump.Cpu / floor.Cpu,4:0.0}x) | kubectl/dumper {kubectl / dump.Wall,5:0.0}x");
                    Console.WriteLine(line);
                    results.Add(line);
                    Directory.Delete(output, recursive: true);
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine($"Dumper benchmark ({dumper}), page size {pageSize}, {parallelism} collections in flight (targets: dumper/floor <= 1.3x, kubectl/dumper >= 5x, peak RSS <= 150 MiB and flat across sizes)");
        results.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>Objects [from, to): per namespace in turn, half ConfigMaps (bulk loader), a fifth Secrets, a tenth Deployments, a fifth Widgets.</summary>
    private async Task SeedAsync(LocalClusterServer cluster, int from, int to)
    {
        var count = to - from;
        var perNamespace = count / namespaces;
        for (var n = 0; n < namespaces; n++)
        {
            var ns = $"bench-{n:D3}";
            var batch = $"b{from}";
            await cluster.BulkCreateConfigMapsAsync(ns, perNamespace / 2, $"{batch}-cm", 256);
            for (var i = 0; i < perNamespace / 5; i++)
            {
                await cluster.CreateObjectAsync(Secret(ns, $"{batch}-secret-{i:D5}"));
                await cluster.CreateObjectAsync(Widget(ns, $"{batch}-widget-{i:D5}"));
            }

            for (var i = 0; i < perNamespace - (perNamespace / 2) - (2 * (perNamespace / 5)); i++)
            {
                await cluster.CreateObjectAsync(Deployment(ns, $"{batch}-deploy-{i:D5}"));
            }
        }
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }

    private async Task<ChildRun> RunFloorAsync(Uri server)
    {
        var floor = Path.Combine(AppContext.BaseDirectory, "KubeStash.Benchmarks.dll");
        var run = await RunChildAsync(
            floor,
            ["dumper-floor", "--server", server.ToString(), "--paths", string.Join(',', Types.Select(t => t.Path)), "--page-size", pageSize.ToString(CultureInfo.InvariantCulture), "--parallelism", parallelism.ToString(CultureInfo.InvariantCulture)],
            "listed ");
        return run;
    }

    private static async Task KubectlLoopAsync(string kubeconfig, string work)
    {
        foreach (var (_, type) in Types)
        {
            var start = new ProcessStartInfo("kubectl") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in (string[])["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(work, "kubectl-cache"), "get", type, "-A", "-o", "yaml"])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl could not be started");
            var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await stdout;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"kubectl get {type} failed: {await stderr}");
            }
        }
    }

    private Task<ChildRun> RunDumperAsync(string dumper, string kubeconfig, string output) => RunChildAsync(
        dumper,
        ["backup", $"--kubeconfig={kubeconfig}", $"--output={output}", "--snapshot=bench", "--include-resources=configmaps,secrets,deployments.apps,widgets.bench.example.com",
            $"--page-size={pageSize}", $"--parallelism={parallelism}"],
        "snapshot ");

    /// <summary>
    /// Runs <paramref name="target"/> (<c>dotnet</c> for a dll, else the executable itself) under /usr/bin/time with the Dumper image's GC settings; its
    /// in-process time is the figure after the last " in " of its last stdout line starting with <paramref name="summaryPrefix"/>.
    /// </summary>
    private static async Task<ChildRun> RunChildAsync(string target, string[] arguments, string summaryPrefix)
    {
        var start = new ProcessStartInfo("/usr/bin/time") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] program = target.EndsWith(".dll", StringComparison.Ordinal) ? ["dotnet", target] : [target];
        foreach (var argument in (string[])["-f", "cpu-seconds=%U+%S peak-rss-kib=%M", .. program, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        // The runtime settings of the Dumper's container image (KubeStash.Dumper/Dockerfile).
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "0";
        start.Environment["DOTNET_GCgen0size"] = DumperGcSettings.Gen0Size;
        start.Environment["DOTNET_EnableDiagnostics"] = DumperGcSettings.EnableDiagnostics;
        // The Dumper's runtimeconfig turns dynamic PGO off; the floor (this assembly) gets the same through the environment.
        start.Environment["DOTNET_TieredPGO"] = DumperGcSettings.TieredPgo;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{target} could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = clock.Elapsed;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(target)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors}");
        }

        var summary = (await stdout).Split('\n').Last(l => l.StartsWith(summaryPrefix, StringComparison.Ordinal)).Trim();
        Console.WriteLine("  " + summary);
        var inside = TimeSpan.FromSeconds(double.Parse(summary[(summary.LastIndexOf(" in ", StringComparison.Ordinal) + 4)..].TrimEnd('s'), CultureInfo.InvariantCulture));
        var figures = errors[errors.LastIndexOf("cpu-seconds=", StringComparison.Ordinal)..].Trim().Split(' ');
        var cpu = figures[0]["cpu-seconds=".Length..].Split('+').Sum(s => double.Parse(s, CultureInfo.InvariantCulture));
        var kib = long.Parse(figures[1]["peak-rss-kib=".Length..], CultureInfo.InvariantCulture);
        return new ChildRun(wall, inside, TimeSpan.FromSeconds(cpu), kib / 1024.0);
    }

    private static JsonObject Secret(string ns, string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["bench"] = "true" } },
        ["type"] = "Opaque",
        ["data"] = new JsonObject { ["password"] = Convert.ToBase64String(new byte[48]), ["user"] = "YWRtaW4=" },
    };

    private static JsonObject Widget(string ns, string name) => new()
    {
        ["apiVersion"] = "bench.example.com/v1",
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["size"] = 3, ["color"] = "blue", ["tags"] = new JsonArray("a", "b", "c") },
    };

    private static JsonObject Deployment(string ns, string name) => (JsonObject)JsonNode.Parse($$$"""
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": "{{{name}}}", "namespace": "{{{ns}}}", "labels": {"app": "{{{name}}}"}},
         "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "{{{name}}}"}},
                  "template": {"metadata": {"labels": {"app": "{{{name}}}"}},
                               "spec": {"containers": [{"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 80}],
                                                         "env": [{"name": "MODE", "value": "production"}]}]} } } }
        """)!;
}

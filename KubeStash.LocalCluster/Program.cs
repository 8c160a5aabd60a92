using System.CommandLine;
using KubeStash.LocalCluster.Bench;
using KubeStash.LocalCluster.Workloads;

namespace KubeStash.LocalCluster;

internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("KubeStash LocalCluster: an in-process Kubernetes API server for tests, demos and benchmarks");

        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 0 };
        var load = new Option<string[]>("--load") { Description = "Manifest file or directory to load at start (repeatable)", AllowMultipleArgumentsPerToken = true };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Where to write the kubeconfig (default: a temporary directory)" };
        var token = new Option<string?>("--token") { Description = "Require this bearer token (written into the kubeconfig)" };
        var verbose = new Option<bool>("--verbose") { Description = "Log to the console" };
        var https = new Option<bool>("--https") { Description = "Serve HTTPS with a self-signed certificate (trusted by the written kubeconfig)" };
        var imageMap = new Option<string[]>("--image-map")
        {
            Description = "Run pods of IMAGE with a local program: IMAGE=/path/to/program [base args] (repeatable; an IMAGE without tag matches every tag)",
            AllowMultipleArgumentsPerToken = false,
        };
        var maxPods = new Option<int>("--max-pods") { Description = "How many pods may run their programs at once", DefaultValueFactory = _ => Math.Max(2, Environment.ProcessorCount) };
        var noWorkloads = new Option<bool>("--no-workloads") { Description = "Serve the API only: no local kubelet, Job or CronJob controller" };
        var webhookService = new Option<string[]>("--webhook-service")
        {
            Description = "Where admission webhooks that name an in-cluster Service are sent: NAMESPACE/NAME=http(s)://127.0.0.1:PORT/ (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var serve = new Command("serve", "Run the API server until interrupted and print the kubeconfig path") { port, load, kubeconfig, token, verbose, https, imageMap, maxPods, noWorkloads, webhookService };
        serve.SetAction(async (result, cancellationToken) =>
        {
            using var loggerFactory = LoggerFactory.Create(b =>
            {
                if (result.GetValue(verbose))
                {
                    b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
                }
            });
            var podLogs = new InMemoryPodLogStore();
            await using var server = new LocalClusterServer(new LocalClusterOptions
            {
                PodLogs = new PodLogStoreSource(podLogs),
                Port = result.GetValue(port),
                KubeconfigPath = result.GetValue(kubeconfig),
                BearerToken = result.GetValue(token),
                UseHttps = result.GetValue(https),
                LoggerFactory = loggerFactory,
                WebhookServices = ParseWebhookServices(result.GetValue(webhookService) ?? []),
            });
            await server.StartAsync(cancellationToken);
            await using var workloads = result.GetValue(noWorkloads) ? null : await StartWorkloadsAsync(server, podLogs, result.GetValue(imageMap) ?? [], result.GetValue(maxPods), loggerFactory, cancellationToken);
            foreach (var path in result.GetValue(load) ?? [])
            {
                var count = await server.LoadManifestsAsync(path, cancellationToken);
                await Console.Out.WriteLineAsync($"loaded {count} objects from {path}");
            }
            await Console.Out.WriteLineAsync($"LocalCluster serving at {server.BaseAddress}");
            await Console.Out.WriteLineAsync($"kubeconfig: {server.KubeconfigPath}");
            await Console.Out.WriteLineAsync($"try: KUBECONFIG={server.KubeconfigPath} kubectl get namespaces");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            return 0;
        });

        var objects = new Option<int>("--objects") { Description = "How many ConfigMaps to create", DefaultValueFactory = _ => 100_000 };
        var pageSize = new Option<int>("--page-size") { Description = "The list limit per page", DefaultValueFactory = _ => 500 };
        var bench = new Command("bench", "Create N ConfigMaps, list them page by page over HTTP with KubernetesClient, print timings and peak memory") { objects, pageSize };
        bench.SetAction((result, cancellationToken) => ListBenchmark.RunAsync(result.GetValue(objects), result.GetValue(pageSize), Console.Out, cancellationToken));

        root.Subcommands.Add(serve);
        root.Subcommands.Add(bench);
        return root.Parse(args).InvokeAsync();
    }

    /// <summary><c>NAMESPACE/NAME=URL</c> pairs of <c>--webhook-service</c>.</summary>
    private static Dictionary<string, Uri> ParseWebhookServices(IEnumerable<string> mappings)
    {
        var services = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            var equals = mapping.IndexOf('=', StringComparison.Ordinal);
            var service = equals > 0 ? mapping[..equals].Trim() : "";
            if (service.Split('/') is not [{ Length: > 0 }, { Length: > 0 }]
                || !Uri.TryCreate(mapping[(equals + 1)..].Trim(), UriKind.Absolute, out var address)
                || address.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"--webhook-service \"{mapping}\" must look like NAMESPACE/NAME=http(s)://HOST:PORT/");
            }

            services[service] = address;
        }

        return services;
    }

    /// <summary>The local kubelet, Job and CronJob controllers, as API clients of this server.</summary>
    private static async Task<LocalWorkloads> StartWorkloadsAsync(
        LocalClusterServer server, IPodLogStore podLogs, string[] imageMappings, int maxPods, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var images = new ImageMap();
        foreach (var mapping in imageMappings)
        {
            images.AddParsed(mapping);
        }

        var workloads = new LocalWorkloads(server.CreateClient(), new LocalWorkloadsOptions
        {
            Images = images,
            MaxParallelPods = maxPods,
            // Pods reach the server as the written kubeconfig does (its bearer token and, with --https, its CA).
            Kubeconfigs = ServerKubeconfigProvider.FromKubeconfig(server.KubeconfigPath),
            LoggerFactory = loggerFactory,
            Logs = podLogs,
        });
        await workloads.StartAsync(cancellationToken);
        await Console.Out.WriteLineAsync($"local workloads: {images.Count} mapped image(s), up to {maxPods} pod(s) at once");
        return workloads;
    }
}

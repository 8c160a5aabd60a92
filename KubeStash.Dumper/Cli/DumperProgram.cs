using System.CommandLine;
using System.Globalization;
using k8s;
using k8s.KubeConfigModels;
using KubeStash.Dumper.Collection;
using KubeStash.Dumper.Filtering;
using KubeStash.Dumper.Job;
using KubeStash.Dumper.Output;
using KubeStash.Dumper.Targets;
using KubeStash.Storage;
using KubeStash.Storage.Crypto;
using Microsoft.Extensions.Logging;

namespace KubeStash.Dumper.Cli;

/// <summary>
/// The <c>backup</c> command. With <c>--backupsession</c> it is the kubedump addon's backup Job; without, a standalone
/// dump of the kubeconfig's cluster to <c>--output</c>. Flag values may be empty strings (the addon's Function passes
/// <c>--flag=${param:=}</c>): empty means "not given". Exit code 0 on success, 1 on failure (message on stderr).
/// </summary>
public static class DumperProgram
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var root = new RootCommand("KubeStash kubedump: dump Kubernetes manifests into a KubeStash snapshot or a directory");
        var kubeconfig = new Option<string?>("--kubeconfig") { Arity = ArgumentArity.ZeroOrOne, Description = "Kubeconfig file (default: $KUBECONFIG, then in-cluster, then ~/.kube/config)" };
        var ns = new Option<string?>("--namespace") { Arity = ArgumentArity.ZeroOrOne, Description = "Namespace of the BackupSession" };
        var backupSession = new Option<string?>("--backupsession") { Arity = ArgumentArity.ZeroOrOne, Description = "BackupSession to run (Job mode)" };
        var enableCache = new Option<string?>("--enable-cache") { Arity = ArgumentArity.ZeroOrOne, Description = "Accepted for KubeStash compatibility; the dump streams and keeps no cache" };
        var scratchDir = new Option<string?>("--scratch-dir") { Arity = ArgumentArity.ZeroOrOne, Description = "Accepted for KubeStash compatibility; the dump streams straight into the snapshot" };
        var andLabels = new Option<string?>("--and-label-selectors") { Arity = ArgumentArity.ZeroOrOne, Description = "Labels all of which an object must carry: k:v,k2=v2,k3" };
        var orLabels = new Option<string?>("--or-label-selectors") { Arity = ArgumentArity.ZeroOrOne, Description = "Labels at least one of which an object must carry" };
        var labelSelector = new Option<string?>("--label-selector") { Arity = ArgumentArity.ZeroOrOne, Description = "Older form of --and-label-selectors" };
        var includeCluster = new Option<string?>("--include-cluster-resources") { Arity = ArgumentArity.ZeroOrOne, Description = "Dump cluster-scoped types (true/false, default false)" };
        var includeNamespaces = new Option<string?>("--include-namespaces") { Arity = ArgumentArity.ZeroOrOne, Description = "Namespaces to dump, comma-separated, * for all (default)" };
        var excludeNamespaces = new Option<string?>("--exclude-namespaces") { Arity = ArgumentArity.ZeroOrOne, Description = "Namespaces to leave out" };
        var includeResources = new Option<string?>("--include-resources") { Arity = ArgumentArity.ZeroOrOne, Description = "Resources (plural or plural.group) to dump, * for all (default)" };
        var excludeResources = new Option<string?>("--exclude-resources") { Arity = ArgumentArity.ZeroOrOne, Description = "Resources to leave out" };
        var includeDependants = new Option<string?>("--include-dependants") { Arity = ArgumentArity.ZeroOrOne, Description = "With a workload target: its owner tree and what its pods reference (true/false)" };
        var sanitize = new Option<string?>("--sanitize") { Arity = ArgumentArity.ZeroOrOne, Description = "Strip cluster-assigned fields (true/false, default true)" };
        var output = new Option<string?>("--output") { Arity = ArgumentArity.ZeroOrOne, Description = "Standalone: a directory, s3://bucket/prefix or local:///path" };
        var repository = new Option<string?>("--repository") { Arity = ArgumentArity.ZeroOrOne, Description = "Standalone backend output: repository directory (default kubedump)" };
        var snapshot = new Option<string?>("--snapshot") { Arity = ArgumentArity.ZeroOrOne, Description = "Standalone backend output: snapshot name (default dump-<UTC time>)" };
        var target = new Option<string?>("--target") { Arity = ArgumentArity.ZeroOrOne, Description = "Standalone: Namespace/<name> or <Kind>[.<group>]/<namespace>/<name> (default: cluster)" };
        var pageSize = new Option<int>("--page-size") { Description = "Objects per LIST page", DefaultValueFactory = _ => 500 };
        var parallelism = new Option<int>("--parallelism") { Description = "Collections listed at once", DefaultValueFactory = _ => 4 };
        var progressInterval = new Option<TimeSpan>("--progress-interval")
        {
            Description = "Job mode: how often each Snapshot's status shows the YAML collected so far (e.g. 00:00:10)",
            DefaultValueFactory = _ => BackupSessionJob.DefaultProgressInterval,
        };
        var backup = new Command("backup", "Dump manifests")
        {
            kubeconfig, ns, backupSession, enableCache, scratchDir, andLabels, orLabels, labelSelector, includeCluster, includeNamespaces,
            excludeNamespaces, includeResources, excludeResources, includeDependants, sanitize, output, repository, snapshot, target, pageSize, parallelism, progressInterval,
        };
        backup.SetAction(async (result, ct) =>
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            var logger = loggerFactory.CreateLogger("KubeStash.Dumper");
            try
            {
                using var client = new Kubernetes(LoadConfig(result.GetValue(kubeconfig), environment));
                var api = new KubernetesApi(client);
                var dumper = new ManifestDumper(api, loggerFactory.CreateLogger<ManifestDumper>());
                var session = Given(result.GetValue(backupSession));
                var sessionNamespace = Given(result.GetValue(ns)) ?? "default";
                var job = new BackupSessionJob(api, new ObjectStoreFactory(loggerFactory), dumper, loggerFactory);
                DumpRequest request;
                TimeSpan reportEvery;
                try
                {
                    reportEvery = Positive(result.GetValue(progressInterval), "--progress-interval");
                    request = new DumpRequest
                    {
                        Filter = new DumpFilter
                        {
                            IncludeNamespaces = DumpFilter.SplitList(result.GetValue(includeNamespaces)),
                            ExcludeNamespaces = DumpFilter.SplitList(result.GetValue(excludeNamespaces)),
                            IncludeResources = DumpFilter.SplitList(result.GetValue(includeResources)),
                            ExcludeResources = DumpFilter.SplitList(result.GetValue(excludeResources)),
                            AndLabels = [.. DumpFilter.ParseLabels(result.GetValue(andLabels)), .. DumpFilter.ParseLabels(result.GetValue(labelSelector))],
                            OrLabels = DumpFilter.ParseLabels(result.GetValue(orLabels)),
                            IncludeClusterResources = Flag(result.GetValue(includeCluster), "--include-cluster-resources", false),
                        },
                        Sanitize = Flag(result.GetValue(sanitize), "--sanitize", true),
                        IncludeDependants = Flag(result.GetValue(includeDependants), "--include-dependants", false),
                        PageSize = Positive(result.GetValue(pageSize), "--page-size"),
                        Parallelism = Positive(result.GetValue(parallelism), "--parallelism"),
                    };
                }
                catch (ArgumentException e) when (session is not null)
                {
                    // The Job cannot start the backup: its Snapshots must say why, not stay Pending until the session times out.
                    await job.FailAsync(sessionNamespace, session, $"invalid parameter: {e.Message}", ct);
                    throw;
                }

                if (session is not null)
                {
                    var code = await job.RunAsync(sessionNamespace, session, request, reportEvery, ct);
                    if (code != 0)
                    {
                        await stderr.WriteLineAsync($"error: backup of BackupSession {sessionNamespace}/{session} failed; see the Snapshots' status.components.manifest.error");
                    }

                    return code;
                }

                var destination = Given(result.GetValue(output))
                    ?? throw new ArgumentException("give --backupsession (Job mode) or --output (standalone)");
                request = request with { Target = ParseTarget(Given(result.GetValue(target))) };
                var location = OutputLocation.Parse(destination, environment);
                if (location.Directory is not null)
                {
                    var summary = await dumper.DumpAsync(request, new DirectoryManifestSink(location.Directory), ct);
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"dumped {summary.Objects} objects ({summary.Bytes} bytes) to {Path.GetFullPath(location.Directory)} in {summary.Duration.TotalSeconds:0.00}s"));
                    return 0;
                }

                var name = Given(result.GetValue(snapshot)) ?? $"dump-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
                environment.TryGetValue(KeyDerivation.PasswordSecretKey, out var password);
                var (commit, dumped) = await StandaloneSnapshot.WriteAsync(
                    dumper, request, location, Given(result.GetValue(repository)) ?? "kubedump", name, password, loggerFactory, ct);
                await stdout.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"snapshot {name}: {commit.Entries} objects, {commit.TotalBytes} bytes, archive {commit.Archive.Size} bytes, collected in {dumped.Duration.TotalSeconds:0.000}s"));
                return 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(e, "backup failed");
                await stderr.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        root.Subcommands.Add(backup);
        root.Subcommands.Add(SnapshotListCommand.Create(stdout, stderr, environment));
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    /// <summary><c>Namespace/&lt;name&gt;</c> or <c>&lt;Kind&gt;[.&lt;group&gt;]/&lt;namespace&gt;/&lt;name&gt;</c>.</summary>
    public static DumpTarget? ParseTarget(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        var (kind, group) = parts[0].IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? (parts[0][..dot], parts[0][(dot + 1)..]) : (parts[0], null);
        return parts switch
        {
            ["Namespace", var name] => new DumpTarget(null, "Namespace", null, name),
            [_, var targetNamespace, var name] => new DumpTarget(group, kind, targetNamespace, name),
            _ => throw new ArgumentException($"--target {text}: write Namespace/<name> or <Kind>[.<group>]/<namespace>/<name>"),
        };
    }

    private static KubernetesClientConfiguration LoadConfig(string? path, IReadOnlyDictionary<string, string> environment)
    {
        var file = Given(path) ?? (environment.TryGetValue("KUBECONFIG", out var fromEnv) ? Given(fromEnv) : null);
        if (file is null && KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        file ??= Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        var kubeconfig = KubeconfigFile.Load(file);
        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig);
        }
        catch (k8s.Exceptions.KubeConfigException)
        {
            // KubernetesClient refuses a user without credentials; kubectl talks to such a server anonymously.
            return AnonymousConfig(file, kubeconfig);
        }
    }

    private static KubernetesClientConfiguration AnonymousConfig(string file, K8SConfiguration kubeconfig)
    {
        var context = kubeconfig.Contexts?.FirstOrDefault(c => c.Name == kubeconfig.CurrentContext)
            ?? throw new ArgumentException($"kubeconfig {file}: current-context \"{kubeconfig.CurrentContext}\" is not defined");
        var cluster = kubeconfig.Clusters?.FirstOrDefault(c => c.Name == context.ContextDetails.Cluster)
            ?? throw new ArgumentException($"kubeconfig {file}: cluster \"{context.ContextDetails.Cluster}\" of context {context.Name} is not defined");
        var configuration = new KubernetesClientConfiguration
        {
            Host = cluster.ClusterEndpoint.Server,
            Namespace = context.ContextDetails.Namespace,
            SkipTlsVerify = cluster.ClusterEndpoint.SkipTlsVerify,
        };
        if (!string.IsNullOrEmpty(cluster.ClusterEndpoint.CertificateAuthorityData))
        {
            configuration.SslCaCerts = [System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Convert.FromBase64String(cluster.ClusterEndpoint.CertificateAuthorityData))];
        }

        return configuration;
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Flag(string? value, string flag, bool defaultValue) =>
        Given(value) is not { } text ? defaultValue
        : bool.TryParse(text, out var parsed) ? parsed
        : throw new ArgumentException($"{flag}={value}: expected true or false");

    private static int Positive(int value, string flag) =>
        value > 0 ? value : throw new ArgumentException($"{flag}={value}: must be positive");

    private static TimeSpan Positive(TimeSpan value, string flag) =>
        value > TimeSpan.Zero ? value : throw new ArgumentException($"{flag}={value}: must be positive");
}

using System.CommandLine;
using System.Diagnostics;
using k8s;
using KubeStash.Dumper.Cli;
using KubeStash.Entities.Core;
using KubeStash.Entities.Storage;
using KubeStash.LocalCluster;
using KubeStash.LocalCluster.Workloads;
using KubeStash.Operator.Commands;
using KubeStash.Operator.Runtime.Client;
using KubeStash.Storage.Layout;
using KubeStash.Tests.Lifecycle;
using KubeStash.Tests.LocalCluster;
using KubeStash.Tests.Runtime;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Demo;

/// <summary>
/// Keeps `make demo` from rotting without building and starting its processes: deploy/demo's manifests, applied as
/// scripts/demo.sh applies them (the workloads loaded at start, the backup objects through the real kubectl and the
/// operator's admission webhooks), give a Succeeded backup of namespace demo into a local directory when the operator,
/// LocalCluster's kubelet and the real Dumper run in process; "backup now" and the snapshot listing go through the same
/// command lines the script uses.
/// </summary>
public sealed class DemoFlowTests
{
    // The names scripts/demo.sh waits for and prints; deploy/demo/backup.yaml must declare them.
    private const string BackupNamespace = "backup";
    private const string Configuration = "demo-manifests";
    private const string Session = "every-5-minutes";
    private const string Repository = "demo-manifests-repo";
    private const string Password = "demo-only-password";

    private static readonly string DemoDirectory = Path.Combine(RepositoryRoot.Path, "deploy", "demo");

    private LocalClusterServer cluster = null!;
    private LocalWorkloads workloads = null!;
    private readonly CancellationTokenSource stopOperator = new();
    private Task<int> operatorRun = null!;
    private Kubernetes kubernetes = null!;
    private Kubectl kubectl = null!;
    private string storage = null!;
    private string kubectlCache = null!;
    private KubectlResult applied = null!;
    private string sessionName = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        storage = Directory.CreateTempSubdirectory("demo-storage-").FullName;
        kubectlCache = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
        var port = FreePort.Next();
        // As the script serves it: a token (the operator's KubernetesClient needs credentials) over HTTPS (kubectl sends it only there).
        cluster = new LocalClusterServer(new LocalClusterOptions
        {
            BearerToken = "demo-flow-test",
            UseHttps = true,
            WebhookServices = new Dictionary<string, Uri> { ["system/webhook-service"] = new($"http://127.0.0.1:{port}/") },
        });
        await cluster.StartAsync();
        await cluster.LoadManifestsAsync(Path.Combine(DemoDirectory, "workloads.yaml"));
        await cluster.LoadManifestsAsync(Path.Combine(RepositoryRoot.Path, "config", "crd", "bases"));
        kubernetes = (Kubernetes)cluster.CreateClient();
        kubectl = new Kubectl(cluster.KubeconfigPath, kubectlCache);
        // The operator's `run` with the script's command line, in process.
        operatorRun = new RootCommand { RunCommand.Create() }.Parse([
            "run", "--kubeconfig", cluster.KubeconfigPath, "--bind-address", "127.0.0.1", "--webhook-port", $"{port}", "--health-probe-port", $"{port}",
            "--metrics-port", $"{port}", "--webhook-plain-http", "--webhook-cert-dir", Path.Combine(storage, "no-webhook-certificates"),
            "--leader-election-namespace", "kube-system", "--operator-image", "ghcr.io/kubestash-dotnet/operator:v0.1.0",
        ]).InvokeAsync(cancellationToken: stopOperator.Token);
        using (var http = new HttpClient())
        {
            await LifecycleEnvironment.EventuallyAsync(async () =>
            {
                try
                {
                    return (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "operator /readyz", 30_000);
        }

        await cluster.LoadManifestsAsync(Path.Combine(RepositoryRoot.Path, "config", "webhook", "manifests.yaml"));
        workloads = new LocalWorkloads(cluster.CreateClient(), new LocalWorkloadsOptions
        {
            Images = new ImageMap().Add("ghcr.io/kubestash-dotnet/kubedump", ImageProgram.InProcess(RunDumperAsync)),
            Kubeconfigs = ServerKubeconfigProvider.FromKubeconfig(cluster.KubeconfigPath),
            MaxParallelPods = 2,
        });
        await workloads.StartAsync(CancellationToken.None);

        var samples = Path.Combine(RepositoryRoot.Path, "config", "samples");
        (await kubectl.RunAsync(
            $"apply -f {Path.Combine(samples, "addons_v1alpha1_addon_kubedump.yaml")} -f {Path.Combine(samples, "addons_v1alpha1_function_kubedump_backup.yaml")}"
            + $" -f {Path.Combine(RepositoryRoot.Path, "config", "rbac", "backup_job_role.yaml")}")).ShouldSucceed();
        var backupYaml = (await File.ReadAllTextAsync(Path.Combine(DemoDirectory, "backup.yaml"))).Replace("${DEMO_STORAGE_DIR}", storage, StringComparison.Ordinal);
        applied = await kubectl.RunAsync("apply -f -", backupYaml);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await stopOperator.CancelAsync();
        (await operatorRun).Should().Be(0);
        operatorRun.Dispose();
        stopOperator.Dispose();
        await workloads.DisposeAsync();
        kubernetes.Dispose();
        await cluster.DisposeAsync();
        Directory.Delete(storage, recursive: true);
        Directory.Delete(kubectlCache, recursive: true);
    }

    private static Task<int> RunDumperAsync(ProcessInvocation invocation, CancellationToken cancellationToken) =>
        DumperProgram.RunAsync([.. invocation.Arguments], invocation.StandardOutput, invocation.StandardError, invocation.Environment, cancellationToken);

    private static async Task<(int Code, string Stdout, string Stderr)> DumperAsync(string[] args, string? password)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = password is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["RESTIC_PASSWORD"] = password };
        var code = await DumperProgram.RunAsync(args, stdout, stderr, environment, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string[] ListArgs(params string[] more) => ["list", $"--storage=local://{storage}", $"--repository={Configuration}", .. more];

    [Test, Order(1)]
    public async Task The_backup_objects_pass_admission_and_the_storage_and_configuration_become_Ready()
    {
        applied.ShouldSucceed();
        applied.Stdout.Should().Contain($"backupconfiguration.core.kubestash.com/{Configuration} created");
        var client = new KubernetesEntityClient(kubernetes);
        await LifecycleEnvironment.EventuallyAsync(
            async () => (await client.GetAsync<BackupStorage>("local-storage", BackupNamespace, default))?.Status.Phase == BackupStoragePhase.Ready,
            "BackupStorage local-storage Ready", 30_000);
        await LifecycleEnvironment.EventuallyAsync(
            async () => (await client.GetAsync<BackupConfiguration>(Configuration, BackupNamespace, default))?.Status.Phase == BackupInvokerPhase.Ready,
            "BackupConfiguration Ready", 30_000);
        File.Exists(Path.Combine(storage, StorageLayout.MetadataKey)).Should().BeTrue("the operator initialised the directory both mountPath and hostPath.path name");
        await LifecycleEnvironment.EventuallyAsync(
            () => Task.FromResult(File.Exists(Path.Combine(storage, Configuration, StorageLayout.RepositoryFile))), "repository.yaml written");
        (await kubernetes.BatchV1.ReadNamespacedCronJobAsync($"trigger-{Configuration}-{Session}", BackupNamespace)).Spec.Schedule.Should().Be("*/5 * * * *");
    }

    [Test, Order(2)]
    public async Task Backup_now_as_the_script_runs_it_succeeds_with_the_real_Dumper_writing_the_demo_namespace()
    {
        using var output = new StringWriter();
        var root = new RootCommand { TriggerBackupCommand.Create() };
        var code = await root.Parse([
            "trigger-backup", "--kubeconfig", cluster.KubeconfigPath, "--namespace", BackupNamespace, "--invoker-name", Configuration, "--session", Session,
        ]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        code.Should().Be(0, output.ToString());
        // The script takes the session's name from this line.
        output.ToString().Should().MatchRegex(@"^backupsession\.core\.kubestash\.com/demo-manifests-every-5-minutes-\d+ created");
        sessionName = output.ToString().Trim().Split('/')[1].Split(' ')[0];

        var client = new KubernetesEntityClient(kubernetes);
        BackupSession? session = null;
        await LifecycleEnvironment.EventuallyAsync(async () =>
        {
            session = await client.GetAsync<BackupSession>(sessionName, BackupNamespace, default);
            return session?.Status.Phase is BackupSessionPhase.Succeeded or BackupSessionPhase.Failed;
        }, $"BackupSession {sessionName} finished", 60_000, DescribePodsAsync);
        session!.Status.Phase.Should().Be(BackupSessionPhase.Succeeded, session.Status.Conditions?.LastOrDefault()?.Message);
        var snapshot = session.Status.Snapshots!.Single().Name!;
        (await client.GetAsync<Snapshot>(snapshot, BackupNamespace, default))!.Status.Integrity.Should().BeTrue();
        await LifecycleEnvironment.EventuallyAsync(
            () => Task.FromResult(File.Exists(Path.Combine(storage, Configuration, "snapshots", snapshot + ".yaml"))), "snapshots/<name>.yaml written", 15_000);
    }

    private async Task<string> DescribePodsAsync()
    {
        var pods = await kubernetes.CoreV1.ListNamespacedPodAsync(BackupNamespace);
        return string.Join("\n", pods.Items.Select(p => $"{p.Metadata.Name}: {p.Status?.Phase} log: {workloads.Logs.Read(BackupNamespace, p.Metadata.Name, p.Spec.Containers[0].Name)}"));
    }

    [Test, Order(3)]
    public async Task Dumper_list_shows_the_snapshot_and_the_demo_namespace_manifests_inside_it()
    {
        sessionName.Should().NotBeNull("the backup test ran first");
        var snapshots = await DumperAsync(ListArgs(), password: null);
        snapshots.Code.Should().Be(0, snapshots.Stderr);
        var snapshot = snapshots.Stdout.Trim();
        snapshot.Should().Be($"{Repository}-{sessionName}");

        var files = await DumperAsync(ListArgs($"--snapshot={snapshot}"), Password);
        files.Code.Should().Be(0, files.Stderr);
        var lines = files.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.SkipLast(1).Select(l => l.Split("  ", 2)[1]).Should().BeEquivalentTo(
            "manifest/namespaces/cluster/demo.yaml",
            "manifest/configmaps/namespaces/demo/shop-config.yaml",
            "manifest/secrets/namespaces/demo/shop-db-credentials.yaml",
            "manifest/serviceaccounts/namespaces/demo/shop.yaml",
            "manifest/deployments.apps/namespaces/demo/shop-web.yaml",
            "manifest/services/namespaces/demo/shop-web.yaml");
        lines[^1].Should().StartWith($"snapshot {snapshot}: 6 files").And.Contain("encryption AES-256-GCM");
    }

    [Test, Order(4)]
    public async Task Dumper_list_names_what_is_missing_or_wrong()
    {
        var snapshot = $"{Repository}-{sessionName}";
        var noPassword = await DumperAsync(ListArgs($"--snapshot={snapshot}"), password: null);
        noPassword.Code.Should().Be(1);
        noPassword.Stderr.Should().Contain($"repository {BackupNamespace}/{Repository}").And.Contain("is encrypted: set RESTIC_PASSWORD");

        var wrongPassword = await DumperAsync(ListArgs($"--snapshot={snapshot}"), "not-the-password");
        wrongPassword.Code.Should().Be(1);
        wrongPassword.Stderr.Should().Contain("wrong encryption password");

        var noRepository = await DumperAsync(["list", $"--storage=local://{storage}", "--repository=elsewhere"], Password);
        noRepository.Code.Should().Be(1);
        noRepository.Stderr.Should().Contain("no repository at \"elsewhere\"");

        var notCommitted = await DumperAsync(ListArgs("--snapshot=never-taken"), Password);
        notCommitted.Code.Should().Be(1);
        notCommitted.Stderr.Should().Contain("no committed snapshot");

        var directory = await DumperAsync(["list", "--storage=/tmp/plain-directory", $"--repository={Configuration}"], Password);
        directory.Code.Should().Be(1);
        directory.Stderr.Should().Contain("write local:///absolute/path or s3://bucket[/prefix]");
    }

    [Test]
    public async Task The_demo_script_parses_and_uses_the_names_the_manifests_declare()
    {
        var script = Path.Combine(RepositoryRoot.Path, "scripts", "demo.sh");
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-n", script]) { RedirectStandardError = true })!;
        var errors = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        bash.ExitCode.Should().Be(0, errors);

        var text = await File.ReadAllTextAsync(script);
        text.Should().Contain($"BACKUP_NS={BackupNamespace}\n").And.Contain($"CONFIG_NAME={Configuration}\n").And.Contain($"SESSION={Session}\n")
            .And.Contain("deploy/demo/workloads.yaml").And.Contain("deploy/demo/backup.yaml").And.Contain(Repository);
        var makefile = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "Makefile"));
        makefile.Should().Contain("scripts/demo.sh");
    }
}

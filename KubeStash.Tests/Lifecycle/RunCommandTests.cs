using System.CommandLine;
using KubeStash.LocalCluster;
using KubeStash.Operator.Commands;
using KubeStash.Storage.Layout;
using KubeStash.Tests.LocalCluster;
using KubeStash.Tests.Runtime;
using KubeStash.Tests.TestServers;

namespace KubeStash.Tests.Lifecycle;

/// <summary>The operator's <c>run</c> sub-command as a user starts it: a kubeconfig, leader election on, plain-HTTP webhooks.</summary>
public sealed class RunCommandTests
{
    [Test]
    public async Task Run_hosts_the_controllers_with_leader_election_and_initialises_a_local_backup_storage()
    {
        // KubernetesClient refuses a kubeconfig user without credentials, and kubectl sends a token only over HTTPS.
        await using var cluster = new LocalClusterServer(new LocalClusterOptions { BearerToken = "run-command-test", UseHttps = true });
        await cluster.StartAsync();
        await cluster.LoadManifestsAsync(Path.Combine(RepositoryRoot.Path, "config", "crd", "bases"));
        var backups = Directory.CreateTempSubdirectory("lifecycle-local-storage-").FullName;
        var cache = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
        using var stop = new CancellationTokenSource();
        var port = FreePort.Next();
        var root = new RootCommand { RunCommand.Create() };
        var run = root.Parse([
            "run", $"--kubeconfig={cluster.KubeconfigPath}", "--bind-address=127.0.0.1", $"--webhook-port={port}", $"--health-probe-port={port}",
            $"--metrics-port={port}", "--webhook-plain-http", "--leader-election-namespace=default", $"--webhook-cert-dir={Path.Combine(backups, "no-certs")}",
        ]).InvokeAsync(cancellationToken: stop.Token);
        try
        {
            var kubectl = new Kubectl(cluster.KubeconfigPath, cache);
            (await kubectl.RunAsync("apply -f -", $"""
                apiVersion: storage.kubestash.com/v1alpha1
                kind: BackupStorage
                metadata:
                  name: local-storage
                  namespace: default
                spec:
                  storage:
                    provider: local
                    local:
                      mountPath: {backups}
                      subPath: cluster-a
                      hostPath:
                        path: {backups}
                  deletionPolicy: Delete
                """)).ShouldSucceed();

            await LifecycleEnvironment.EventuallyAsync(async () =>
            {
                var get = await kubectl.RunAsync("get backupstorage local-storage -n default -o jsonpath={.status.phase}");
                return get.Stdout.Trim() == "Ready";
            }, "local BackupStorage Ready through the run command", 30_000);
            File.Exists(Path.Combine(backups, "cluster-a", StorageLayout.MetadataKey)).Should().BeTrue();
            (await kubectl.RunAsync("get leases -n default -o name")).Stdout.Should().Contain("kubestash-operator");
            using var http = new HttpClient();
            (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"))).IsSuccessStatusCode.Should().BeTrue();
        }
        finally
        {
            await stop.CancelAsync();
            (await run).Should().Be(0);
            Directory.Delete(backups, recursive: true);
            Directory.Delete(cache, recursive: true);
        }
    }
}

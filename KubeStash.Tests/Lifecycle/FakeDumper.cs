using System.Collections.Concurrent;
using k8s;
using KubeStash.Entities.Storage;
using KubeStash.LocalCluster.Workloads;
using KubeStash.Operator.Runtime.Client;

namespace KubeStash.Tests.Lifecycle;

/// <summary>
/// Stands in for the Dumper image in LocalCluster's kubelet: records how it was invoked, waits until released, then
/// reports the <c>manifest</c> component of every Snapshot of its BackupSession as Succeeded, as the Dumper does.
/// </summary>
internal sealed class FakeDumper
{
    private TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool hold;

    public ConcurrentQueue<ProcessInvocation> Invocations { get; } = new();

    /// <summary>When true, the program waits for <see cref="Release"/> before reporting (to stop the operator mid-session).</summary>
    public bool Hold
    {
        get => hold;
        set
        {
            if (value && !hold)
            {
                release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            hold = value;
        }
    }

    /// <summary>How many of the next runs report the component Failed and exit 1, as the Dumper does when a dump fails.</summary>
    public int FailuresToInject { get; set; }

    public void Release() => release.TrySetResult();

    public ImageProgram Program => ImageProgram.InProcess(RunAsync);

    private async Task<int> RunAsync(ProcessInvocation invocation, CancellationToken cancellationToken)
    {
        Invocations.Enqueue(invocation);
        if (Hold)
        {
            await release.Task.WaitAsync(cancellationToken);
        }

        string Arg(string name) => invocation.Arguments.Single(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))[(name.Length + 3)..];
        var ns = Arg("namespace");
        var backupSession = Arg("backupsession");
        using var kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(invocation.KubeconfigPath));
        var client = new KubernetesEntityClient(kubernetes);
        var snapshots = (await client.ListAsync<Snapshot>(ns, null, cancellationToken)).Items.Where(s => s.Spec.BackupSession == backupSession).ToList();
        if (snapshots.Count == 0)
        {
            await invocation.StandardError.WriteLineAsync($"no Snapshot of BackupSession {backupSession}");
            return 1;
        }

        var fail = FailuresToInject > 0;
        if (fail)
        {
            FailuresToInject--;
        }

        foreach (var snapshot in snapshots)
        {
            snapshot.Status.TotalComponents = 1;
            if (fail)
            {
                snapshot.Status.Components = new Dictionary<string, Component>
                {
                    ["manifest"] = new() { Phase = ComponentPhase.Failed, Error = "injected failure: the API server went away" },
                };
                await client.ReplaceStatusAsync(snapshot, cancellationToken);
                continue;
            }

            snapshot.Status.Components = new Dictionary<string, Component>
            {
                ["manifest"] = new() { Phase = ComponentPhase.Succeeded, Path = "repository/v1/frequent-backup/manifest", Size = "2 KiB", Integrity = true, Duration = "1s" },
            };
            await client.ReplaceStatusAsync(snapshot, cancellationToken);
        }

        return fail ? 1 : 0;
    }
}

using System.CommandLine;
using KubeStash.LocalCluster.Workloads;
using KubeStash.Operator.Commands;

namespace KubeStash.Tests.Lifecycle;

/// <summary>The operator image as the kubelet runs it: the real trigger-backup sub-command line, against the pod's kubeconfig.</summary>
internal static class OperatorCommandImage
{
    public static ImageProgram Program => ImageProgram.InProcess(RunAsync);

    private static async Task<int> RunAsync(ProcessInvocation invocation, CancellationToken cancellationToken)
    {
        var root = new RootCommand { TriggerBackupCommand.Create() };
        var parse = root.Parse([.. invocation.Arguments, $"--kubeconfig={invocation.KubeconfigPath}"]);
        return await parse.InvokeAsync(new InvocationConfiguration { Output = invocation.StandardOutput, Error = invocation.StandardError }, cancellationToken);
    }
}

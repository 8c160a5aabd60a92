using KubeStash.Dumper.Cli;
using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.EndToEnd;

/// <summary>
/// The kubedump Function image as LocalCluster's kubelet runs it: our Dumper's command line, in-process, with the
/// container's arguments, its environment (KUBECONFIG of the pod's service account among them) and its output streams.
/// </summary>
internal static class KubedumpImage
{
    /// <summary>The image of config/samples' kubedump-backup Function, without its tag (any tag maps here).</summary>
    public const string Image = "ghcr.io/kubestash-dotnet/kubedump";

    public static ImageProgram Program => ImageProgram.InProcess(
        (invocation, cancellationToken) => DumperProgram.RunAsync(
            [.. invocation.Arguments], invocation.StandardOutput, invocation.StandardError, invocation.Environment, cancellationToken));
}

using System.CommandLine;
using k8s;

namespace KubeStash.Operator.Commands;

/// <summary>The <c>--kubeconfig</c> option shared by the sub-commands and how a connection is chosen from it.</summary>
public static class KubeconfigOption
{
    public static Option<FileInfo?> Create() => new("--kubeconfig")
    {
        Description = "Path of a kubeconfig; default: the in-cluster service account, else $KUBECONFIG, else ~/.kube/config.",
    };

    /// <summary>--kubeconfig when given, else in-cluster, else KUBECONFIG / the default kubeconfig.</summary>
    public static KubernetesClientConfiguration Resolve(FileInfo? kubeconfig)
    {
        if (kubeconfig is not null)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig.FullName);
        }

        return KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(Environment.GetEnvironmentVariable("KUBECONFIG"));
    }
}

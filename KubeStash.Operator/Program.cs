using System.CommandLine;
using KubeStash.Operator.Commands;

namespace KubeStash.Operator;

internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("KubeStash operator: backs up Kubernetes manifests to object storage.")
        {
            ManifestsCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}

using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// A container's command line in Kubernetes terms, resolved against its environment: <c>command</c> replaces the
/// image's entry point (and drops its default arguments), <c>args</c> replaces the default arguments, and both are
/// $(VAR)-expanded from the container's environment.
/// </summary>
public sealed record ContainerCommandLine(string? Command, IReadOnlyList<string> Arguments)
{
    public static ContainerCommandLine Resolve(V1Container container, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(environment);
        string? Lookup(string name) => environment.TryGetValue(name, out var value) ? value : null;

        var command = (container.Command ?? []).Select(c => VariableExpansion.Expand(c, Lookup)).ToList();
        var args = (container.Args ?? []).Select(a => VariableExpansion.Expand(a, Lookup));
        return command.Count == 0
            ? new ContainerCommandLine(null, [.. args])
            : new ContainerCommandLine(command[0], [.. command.Skip(1), .. args]);
    }

    /// <summary>The full argument vector a child process gets: executable, base arguments, then these arguments.</summary>
    public IReadOnlyList<string> ForProgram(ImageProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return [.. program.BaseArguments, .. Arguments];
    }
}

using k8s.Models;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// A container's command line in Kubernetes terms, resolved against its environment: <c>command</c> replaces the
/// image's entry point (and drops its default arguments), <c>args</c> replaces the default arguments, and both are
/// $(VAR)-expanded from the container's environment.
/// </summary>
public sealed record ContainerCommandLine(string? Command, IReadOnlyList<string> Arguments)
{
    /// <param name="container">The container whose command and args are resolved.</param>
    /// <param name="environment">The container's environment, which $(VAR) references read.</param>
    /// <param name="rewrite">Applied to each element as written in the manifest, before expansion (mount path rewriting),
    /// so that a value coming from an already rewritten variable is not rewritten twice.</param>
    public static ContainerCommandLine Resolve(V1Container container, IReadOnlyDictionary<string, string> environment, Func<string, string>? rewrite = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(environment);
        rewrite ??= static value => value;
        string? Lookup(string name) => environment.TryGetValue(name, out var value) ? value : null;

        var command = (container.Command ?? []).Select(c => VariableExpansion.Expand(rewrite(c), Lookup)).ToList();
        var args = (container.Args ?? []).Select(a => VariableExpansion.Expand(rewrite(a), Lookup));
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

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// The local program that stands in for a container image's entry point: either a child process (an executable
/// path plus base arguments) or an in-process entry point. A container's <c>command[0]</c> names a file inside the
/// image, which does not exist here, so the mapped program replaces it; <c>command[1..]</c> and <c>args</c> follow
/// the base arguments.
/// </summary>
public sealed class ImageProgram
{
    private ImageProgram(string? executablePath, IReadOnlyList<string> baseArguments, Func<ProcessInvocation, CancellationToken, Task<int>>? entryPoint)
    {
        ExecutablePath = executablePath;
        BaseArguments = baseArguments;
        EntryPoint = entryPoint;
    }

    /// <summary>Set for a child-process program.</summary>
    public string? ExecutablePath { get; }

    public IReadOnlyList<string> BaseArguments { get; }

    /// <summary>Set for an in-process program; returns the exit code.</summary>
    public Func<ProcessInvocation, CancellationToken, Task<int>>? EntryPoint { get; }

    public static ImageProgram ChildProcess(string executablePath, params string[] baseArguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executablePath);
        return new ImageProgram(executablePath, [.. baseArguments], null);
    }

    public static ImageProgram InProcess(Func<ProcessInvocation, CancellationToken, Task<int>> entryPoint)
    {
        ArgumentNullException.ThrowIfNull(entryPoint);
        return new ImageProgram(null, [], entryPoint);
    }

    public override string ToString() =>
        ExecutablePath is null ? "in-process entry point" : string.Join(' ', [ExecutablePath, .. BaseArguments]);
}

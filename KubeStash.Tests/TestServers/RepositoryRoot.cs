namespace KubeStash.Tests.TestServers;

/// <summary>Locates the repository checkout (the directory holding KubeStash.sln) from the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>The gitignored scratch directory for test servers and tools: &lt;repo&gt;/.work.</summary>
    public static string WorkDirectory => System.IO.Path.Combine(Path, ".work");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "KubeStash.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"KubeStash.sln not found above {AppContext.BaseDirectory}");
    }
}

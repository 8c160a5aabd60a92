namespace KubeStash.Tests.Generation;

/// <summary>Locates the checkout the tests were built from (the directory holding KubeStash.sln).</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KubeStash.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No KubeStash.sln above {TestContext.CurrentContext.TestDirectory}.");
    }
}

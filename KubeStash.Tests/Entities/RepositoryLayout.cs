namespace KubeStash.Tests.Entities;

/// <summary>Locates files of the repository from the test's output directory.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string SamplesDirectory => Path.Combine(Root, "config", "samples");

    public static string DocsManifestsDirectory => Path.Combine(Root, "KubeStash.Tests", "Entities", "Manifests");

    public static IEnumerable<string> SampleFiles() =>
        Directory.EnumerateFiles(SamplesDirectory, "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> DocsManifestFiles() =>
        Directory.EnumerateFiles(DocsManifestsDirectory, "*.yaml").Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KubeStash.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException($"KubeStash.sln not found above {TestContext.CurrentContext.TestDirectory}");
    }
}

using System.CommandLine;
using KubeStash.Operator.Commands;

namespace KubeStash.Tests.Generation;

/// <summary>The committed config/ must be exactly what <c>make manifests</c> generates from the current code.</summary>
[TestFixture]
public sealed class ManifestDriftTests
{
    [Test]
    public async Task Committed_manifests_match_the_code()
    {
        var config = Path.Combine(RepositoryRoot.Find(), "config");
        var expected = ManifestsCommand.Generate();

        foreach (var manifest in expected)
        {
            var path = Path.Combine(config, manifest.RelativePath);
            File.Exists(path).Should().BeTrue($"{manifest.RelativePath} is generated; run `make manifests`");
            (await File.ReadAllTextAsync(path)).Should().Be(manifest.Content, $"config/{manifest.RelativePath} is stale; run `make manifests`");
        }

        // Git keeps no empty directory, so a tree without entities has no crd/bases at all.
        var bases = Path.Combine(config, "crd", "bases");
        var onDisk = Directory.Exists(bases)
            ? Directory.EnumerateFiles(bases, "*.yaml").Select(p => Path.GetRelativePath(config, p).Replace('\\', '/'))
            : [];
        onDisk.Should().BeEquivalentTo(
            expected.Where(m => m.RelativePath.StartsWith("crd/bases/", StringComparison.Ordinal)).Select(m => m.RelativePath),
            "config/crd/bases holds only generated CRDs");
    }

    [Test]
    public async Task Manifests_command_writes_the_generated_files()
    {
        var output = Directory.CreateTempSubdirectory("manifests-").FullName;
        try
        {
            var root = new RootCommand { ManifestsCommand.Create() };
            var exitCode = await root.Parse(["manifests", "--output", output]).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null });

            exitCode.Should().Be(0);
            foreach (var manifest in ManifestsCommand.Generate())
            {
                (await File.ReadAllTextAsync(Path.Combine(output, manifest.RelativePath))).Should().Be(manifest.Content);
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Test]
    public async Task Manifests_command_requires_an_output_directory()
    {
        var root = new RootCommand { ManifestsCommand.Create() };
        var error = new StringWriter();
        var exitCode = await root.Parse(["manifests"]).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = error });

        exitCode.Should().NotBe(0);
        error.ToString().Should().Contain("--output");
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using KubeStash.Entities.Serialization;
using KubeStash.Entities.Storage;

namespace KubeStash.Tests.Entities;

/// <summary>
/// kubectl (Go's YAML reader, via its built-in kustomize) is the independent judge: it must read the samples and the
/// YAML we write to the same JSON we read, so a manifest means the same thing to KubeStash's tooling and to us.
/// </summary>
public sealed class KubectlAgreementTests
{
    private readonly EntitySerializer serializer = new();

    private static IEnumerable<TestCaseData> Manifests() =>
        RepositoryLayout.SampleFiles().Concat(RepositoryLayout.DocsManifestFiles())
            .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetRelativePath(RepositoryLayout.Root, f)));

    [TestCaseSource(nameof(Manifests))]
    public void Kubectl_reads_the_manifest_as_we_do(string file)
    {
        var ours = YamlJson.Parse(File.ReadAllText(file)).Where(d => d.Root is not null).Select(d => d.Root).ToList();

        var theirs = KustomizeBuild(File.ReadAllText(file));

        AssertSameObjects(ours, theirs);
    }

    [TestCaseSource(nameof(Manifests))]
    public void Kubectl_reads_the_yaml_we_write_as_we_do(string file)
    {
        var entities = serializer.Parse(File.ReadAllText(file));
        var ours = entities.Select(e => (JsonNode?)serializer.ToJsonNode(e)).ToList();

        var theirs = KustomizeBuild(serializer.ToYaml(entities));

        AssertSameObjects(ours, theirs);
    }

    [Test]
    public void Strings_that_look_like_other_types_survive_kubectl()
    {
        var storage = serializer.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.SamplesDirectory, "storage_v1alpha1_backupstorage.yaml"))).OfType<BackupStorage>().Single();
        var tricky = new[] { "true", "False", "yes", "No", "on", "OFF", "y", "n", "~", "null", "", "0123", "0x1F", "0o17", "1e3", "1_000", "12:30", ".5", "-.inf", ".nan", "3.0", "multi\nline", " padded ", "#hash", "key: value", "- dash", "*star", "&amp", "!bang", "%pct", "@at", "`tick", "{brace}", "[bracket]" };
        storage.Metadata.Annotations = tricky.Select((v, i) => (v, i)).ToDictionary(x => $"example.com/k{x.i}", x => x.v);

        var theirs = KustomizeBuild(serializer.ToYaml(storage)).Single()!;

        var annotations = theirs["metadata"]!["annotations"]!.AsObject();
        annotations.Select(a => (a.Key, a.Value!.GetValueKind(), a.Value.ToString()))
            .Should().BeEquivalentTo(storage.Metadata.Annotations.Select(a => (a.Key, System.Text.Json.JsonValueKind.String, a.Value)));
    }

    private static void AssertSameObjects(IReadOnlyList<JsonNode?> ours, IReadOnlyList<JsonNode?> theirs)
    {
        static string Key(JsonNode? n) => $"{n?["kind"]}/{n?["metadata"]?["namespace"]}/{n?["metadata"]?["name"]}";
        theirs.Select(Key).Should().BeEquivalentTo(ours.Select(Key));
        foreach (var node in ours)
        {
            var match = theirs.Single(t => Key(t) == Key(node));
            JsonDiff.Differences(node, match).Should().BeEmpty($"kubectl must read {Key(node)} as we do");
        }
    }

    private static List<JsonNode?> KustomizeBuild(string yaml)
    {
        var directory = Directory.CreateTempSubdirectory("kubestash-entities-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "objects.yaml"), yaml);
            File.WriteAllText(Path.Combine(directory.FullName, "kustomization.yaml"), "resources:\n- objects.yaml\n");
            var start = new ProcessStartInfo("kubectl", ["kustomize", directory.FullName])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit(30_000).Should().BeTrue("kubectl kustomize must finish");
            process.ExitCode.Should().Be(0, error.Result);
            return YamlJson.Parse(output.Result).Where(d => d.Root is not null).Select(d => d.Root).ToList();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

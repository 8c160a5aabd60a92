using System.Text.Json.Nodes;
using KubeStash.Entities.Serialization;

namespace KubeStash.Tests.Entities;

/// <summary>
/// Every sample and every manifest modelled on KubeStash's docs reads into entities and writes back to exactly the JSON
/// that the YAML converts to directly: no field lost, nothing added, no value changed.
/// </summary>
public sealed class SampleRoundTripTests
{
    private readonly EntitySerializer serializer = new();

    private static IEnumerable<TestCaseData> Manifests() =>
        RepositoryLayout.SampleFiles().Concat(RepositoryLayout.DocsManifestFiles())
            .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetRelativePath(RepositoryLayout.Root, f)));

    [TestCaseSource(nameof(Manifests))]
    public void Yaml_to_entity_to_json_equals_yaml_to_json(string file)
    {
        var yaml = File.ReadAllText(file);
        var direct = YamlJson.Parse(yaml).Where(d => d.Root is not null).Select(d => d.Root).ToList();

        var entities = serializer.Parse(yaml);

        entities.Should().HaveCount(direct.Count);
        for (var i = 0; i < direct.Count; i++)
        {
            var written = serializer.ToJsonNode(entities[i]);
            JsonDiff.Differences(direct[i], written).Should().BeEmpty($"document {i + 1} of {Path.GetFileName(file)} must survive the round trip");
        }
    }

    [TestCaseSource(nameof(Manifests))]
    public void Entity_written_as_yaml_reads_back_to_the_same_json(string file)
    {
        var entities = serializer.Parse(File.ReadAllText(file));

        var yaml = serializer.ToYaml(entities);
        var reread = serializer.Parse(yaml);

        reread.Should().HaveCount(entities.Count);
        for (var i = 0; i < entities.Count; i++)
        {
            JsonDiff.Differences(serializer.ToJsonNode(entities[i]), serializer.ToJsonNode(reread[i])).Should().BeEmpty();
        }
    }

    [TestCaseSource(nameof(Manifests))]
    public void Entity_written_as_json_reads_back_to_the_same_json(string file)
    {
        foreach (var entity in serializer.Parse(File.ReadAllText(file)))
        {
            var json = serializer.ToJson(entity, indented: true);
            var reread = serializer.Parse(json).Single();
            JsonDiff.Differences(JsonNode.Parse(json), serializer.ToJsonNode(reread)).Should().BeEmpty();
            reread.GetType().Should().Be(entity.GetType());
        }
    }
}

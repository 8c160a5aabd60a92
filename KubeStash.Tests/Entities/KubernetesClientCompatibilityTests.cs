using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeStash.Entities.Serialization;

namespace KubeStash.Tests.Entities;

/// <summary>
/// The operator talks to the API server through KubernetesClient, whose own JSON settings (KubernetesJson) read and
/// write the entities; they must agree with ours field for field.
/// </summary>
public sealed class KubernetesClientCompatibilityTests
{
    private static readonly System.Reflection.MethodInfo DeserializeWithClient = typeof(KubernetesJson).GetMethods()
        .Single(m => m.Name == nameof(KubernetesJson.Deserialize) && m.GetParameters().Select(p => p.ParameterType).SequenceEqual([typeof(string), typeof(System.Text.Json.JsonSerializerOptions)]));

    private readonly EntitySerializer serializer = new();

    private static IEnumerable<TestCaseData> Manifests() =>
        RepositoryLayout.SampleFiles().Concat(RepositoryLayout.DocsManifestFiles())
            .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetRelativePath(RepositoryLayout.Root, f)));

    [TestCaseSource(nameof(Manifests))]
    public void KubernetesJson_reads_and_writes_entities_as_we_do(string file)
    {
        foreach (var entity in serializer.Parse(File.ReadAllText(file)))
        {
            var ours = serializer.ToJsonNode(entity);

            var viaClient = (IKubernetesObject<V1ObjectMeta>)DeserializeWithClient
                .MakeGenericMethod(entity.GetType())
                .Invoke(null, [ours.ToJsonString(), null])!;
            var written = JsonNode.Parse(KubernetesJson.Serialize(viaClient))!.AsObject();
            if (written["status"] is JsonObject { Count: 0 })
            {
                written.Remove("status");
            }

            JsonDiff.Differences(ours, written).Should().BeEmpty($"{entity.Kind} {entity.Metadata.Name} through KubernetesJson");
        }
    }
}

using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.Tests.LocalCluster.Semantics;

/// <summary>JSON patch and merge patch judged by the real kubectl (<c>kubectl patch --local</c>): results and error texts.</summary>
public sealed class JsonPatchKubectlTests
{
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web","tier":"fe"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}],"nodeSelector":{"disk":"ssd"}}}}}
        """;

    [TestCase("""[{"op":"replace","path":"/spec/replicas","value":5},{"op":"add","path":"/metadata/labels/app.kubernetes.io~1name","value":"web"}]""")]
    [TestCase("""[{"op":"add","path":"/spec/template/spec/containers/-","value":{"name":"c","image":"3"}},{"op":"remove","path":"/spec/template/spec/containers/0"}]""")]
    [TestCase("""[{"op":"move","from":"/spec/template/spec/containers/0","path":"/spec/template/spec/containers/1"}]""")]
    [TestCase("""[{"op":"copy","from":"/metadata/labels","path":"/spec/template/metadata/annotations"},{"op":"test","path":"/spec/replicas","value":2.0}]""")]
    [TestCase("""[{"op":"remove","path":"/spec/template/spec/containers/-1"},{"op":"replace","path":"/spec/paused","value":true}]""")]
    [TestCase("""[{"op":"remove","path":"/spec/template/spec/nodeSelector"}]""")]
    [TestCase("""[{"op":"remove","path":"/spec/template/spec/tolerations"}]""")]
    [TestCase("""[{"op":"remove","path":"/spec/nothere/x"}]""")]
    [TestCase("""[{"op":"add","path":"/spec/template/spec/containers/9","value":{}}]""")]
    [TestCase("""[{"op":"test","path":"/spec/replicas","value":3}]""")]
    [TestCase("""[{"op":"move","from":"/spec/nope","path":"/spec/x"}]""")]
    [TestCase("""[{"op":"move","from":"/spec","path":"/spec/x"}]""")]
    [TestCase("""[{"op":"frob","path":"/spec/x"}]""")]
    [TestCase("""[{"op":"remove"}]""")]
    [TestCase("""[{"op":"add","value":1}]""")]
    [TestCase("""[{"op":"replace","value":1}]""")]
    [TestCase("""[{"op":"copy","path":"/spec/x"}]""")]
    [TestCase("""[{"op":"copy","from":"/spec/replicas"}]""")]
    [TestCase("""[{"op":"test","path":"/spec/template/spec/containers/7","value":1}]""")]
    public void Json_patch_matches_kubectl(string patch)
    {
        var (expected, expectedError) = KubectlLocalPatch.Run(Deployment, "json", patch);
        try
        {
            var ours = JsonPatchDocument.Apply(JsonNode.Parse(Deployment)!, JsonNode.Parse(patch)!.AsArray());
            expectedError.Should().BeNull("kubectl failed, but ours succeeded");
            KubectlLocalPatch.Normalise(ours).Should().Be(expected);
        }
        catch (PatchException e)
        {
            e.Message.Should().Be(expectedError);
        }
    }

    [TestCase("""{"metadata":{"labels":{"tier":null,"new":"x"}},"spec":{"replicas":3}}""")]
    [TestCase("""{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"z"}],"nodeSelector":null}}}}""")]
    [TestCase("""{"spec":{"template":{"metadata":{"annotations":{"a":"b"}}}}}""")]
    public void Merge_patch_matches_kubectl(string patch)
    {
        var (expected, error) = KubectlLocalPatch.Run(Deployment, "merge", patch);
        expected.Should().NotBeNull(error);
        var ours = JsonMergePatch.Apply(JsonNode.Parse(Deployment), JsonNode.Parse(patch))!;
        KubectlLocalPatch.Normalise(ours).Should().Be(expected);
    }
}

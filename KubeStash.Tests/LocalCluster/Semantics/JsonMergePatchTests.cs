using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.Tests.LocalCluster.Semantics;

public sealed class JsonMergePatchTests
{
    // The test cases of RFC 7386 appendix A.
    [TestCase("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [TestCase("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [TestCase("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [TestCase("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [TestCase("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [TestCase("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [TestCase("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [TestCase("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [TestCase("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [TestCase("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [TestCase("""{"a":"foo"}""", "null", "null")]
    [TestCase("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [TestCase("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [TestCase("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [TestCase("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Rfc7386_examples(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));
        (result?.ToJsonString() ?? "null").Should().Be(JsonNode.Parse(expected)?.ToJsonString() ?? "null");
    }

    [Test]
    public void Inputs_are_left_unchanged()
    {
        var target = JsonNode.Parse("""{"metadata":{"labels":{"a":"1","b":"2"}}}""")!;
        var patch = JsonNode.Parse("""{"metadata":{"labels":{"a":null,"c":"3"}}}""")!;
        var result = JsonMergePatch.Apply(target, patch)!;
        result.ToJsonString().Should().Be("""{"metadata":{"labels":{"b":"2","c":"3"}}}""");
        target.ToJsonString().Should().Be("""{"metadata":{"labels":{"a":"1","b":"2"}}}""");
        patch.ToJsonString().Should().Be("""{"metadata":{"labels":{"a":null,"c":"3"}}}""");
    }
}

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
    [TestCase("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [TestCase("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [TestCase("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Rfc7386_examples(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));
        (result?.ToJsonString() ?? "null").Should().Be(JsonNode.Parse(expected)?.ToJsonString() ?? "null");
    }

    // RFC 7386 would return the patch; kube's library refuses a null or scalar patch as a bad request.
    [TestCase("null")]
    [TestCase("\"bar\"")]
    [TestCase("1")]
    public void Null_and_scalar_patches_are_bad_requests(string patch)
    {
        var exception = FluentActions.Invoking(() => JsonMergePatch.Apply(JsonNode.Parse("""{"a":"foo"}"""), JsonNode.Parse(patch)))
            .Should().Throw<PatchException>().Which;
        exception.Message.Should().Be("Invalid JSON Patch");
        exception.Malformed.Should().BeTrue();
    }

    // Where the target has nothing (or no object), kube's library drops null members at every depth.
    [TestCase("""{}""", """{"a":[{"b":null,"c":1},null]}""", """{"a":[{"c":1},null]}""")]
    [TestCase("""{"a":"x"}""", """{"a":{"b":{"c":null,"d":1}}}""", """{"a":{"b":{"d":1}}}""")]
    [TestCase("""{"a":{"k":1}}""", """{"a":[{"b":null}]}""", """{"a":[{"b":null}]}""")]
    [TestCase("""{"a":{"k":1}}""", """{"a":{"b":[{"c":null}]}}""", """{"a":{"k":1,"b":[{}]}}""")]
    public void Nulls_in_new_values_are_pruned_like_kube(string target, string patch, string expected) =>
        JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch))!.ToJsonString().Should().Be(JsonNode.Parse(expected)!.ToJsonString());

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

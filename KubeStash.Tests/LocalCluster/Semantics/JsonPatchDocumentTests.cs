using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.Tests.LocalCluster.Semantics;

public sealed class JsonPatchDocumentTests
{
    private static string Apply(string target, string patch) =>
        JsonPatchDocument.Apply(JsonNode.Parse(target)!, JsonNode.Parse(patch)!.AsArray()).ToJsonString();

    private static string Normal(string json) => JsonNode.Parse(json)!.ToJsonString();

    // RFC 6902 appendix A (the successful examples).
    [TestCase("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""")]
    [TestCase("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [TestCase("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [TestCase("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [TestCase("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [TestCase("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [TestCase("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [TestCase("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [TestCase("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [TestCase("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    [TestCase("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [TestCase("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [TestCase("""{"foo":null}""", """[{"op":"test","path":"/foo","value":null}]""", """{"foo":null}""")]
    [TestCase("""{"foo":1}""", """[{"op":"test","path":"/foo","value":1.0}]""", """{"foo":1}""")]
    [TestCase("""{"a":{"b":[1]}}""", """[{"op":"copy","from":"/a/b","path":"/c"},{"op":"add","path":"/c/0","value":0}]""", """{"a":{"b":[1]},"c":[0,1]}""")]
    [TestCase("""{"a":1}""", """[{"op":"replace","path":"","value":[1]}]""", """[1]""")]
    [TestCase("""{"m":{"a/b":1,"c~d":2}}""", """[{"op":"remove","path":"/m/a~1b"},{"op":"replace","path":"/m/c~0d","value":3}]""", """{"m":{"c~d":3}}""")]
    public void Rfc6902_examples(string target, string patch, string expected) =>
        Apply(target, patch).Should().Be(Normal(expected));

    [TestCase("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", "add operation does not apply: doc is missing path: \"/baz/bat\": missing value")]
    [TestCase("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"bar"}]""", "testing value /baz failed: test failed")]
    [TestCase("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""", "testing value /~01 failed: test failed")]
    [TestCase("""{"foo":"bar"}""", """[{"op":"remove","path":"/nope"}]""", "remove operation does not apply: Unable to remove nonexistent key: nope: missing value")]
    [TestCase("""{"foo":"bar"}""", """[{"op":"replace","path":"/nope","value":1}]""", "replace operation does not apply: doc is missing path: \"/nope\": missing value")]
    [TestCase("""{"foo":[1]}""", """[{"op":"add","path":"/foo/5","value":1}]""", "add operation does not apply: Unable to access invalid index: 5: invalid index referenced")]
    [TestCase("""{"foo":[1]}""", """[{"op":"remove","path":"/foo/01"}]""", "remove operation does not apply: Unable to access invalid index: 01: invalid index referenced")]
    [TestCase("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""", "move operation does not apply: from \"/a\" is a proper prefix of path \"/a/b/c\"")]
    [TestCase("""{"a":1}""", """[{"op":"copy","from":"/x","path":"/y"}]""", "copy operation does not apply: doc is missing from path: \"/x\": missing value")]
    public void Failing_operations_are_unprocessable(string target, string patch, string message)
    {
        var exception = FluentActions.Invoking(() => Apply(target, patch)).Should().Throw<PatchException>().Which;
        exception.Message.Should().Be(message);
        exception.Malformed.Should().BeFalse();
    }

    [TestCase("""[{"op":"add","path":"/baz"}]""")]
    [TestCase("""[{"op":"frobnicate","path":"/baz"}]""")]
    [TestCase("""[{"path":"/baz"}]""")]
    [TestCase("""[{"op":"remove","path":"baz"}]""")]
    [TestCase("""[{"op":"remove","path":"/a~2"}]""")]
    [TestCase("""[1]""")]
    public void Malformed_documents_are_bad_requests(string patch) =>
        FluentActions.Invoking(() => Apply("""{"baz":1}""", patch)).Should().Throw<PatchException>().Which.Malformed.Should().BeTrue();

    [Test]
    public void A_failing_patch_changes_nothing()
    {
        var target = JsonNode.Parse("""{"a":1}""")!;
        FluentActions.Invoking(() => JsonPatchDocument.Apply(target, JsonNode.Parse("""[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":2}]""")!.AsArray()))
            .Should().Throw<PatchException>();
        target.ToJsonString().Should().Be("""{"a":1}""");
    }

    [Test]
    public void Kubectl_style_label_patch_on_a_deployment()
    {
        var result = Apply(
            """{"metadata":{"name":"web","labels":{"app":"web"}},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:1"}]}}}}""",
            """[{"op":"add","path":"/metadata/labels/app.kubernetes.io~1name","value":"web"},{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:2"}]""");
        result.Should().Be(Normal("""{"metadata":{"name":"web","labels":{"app":"web","app.kubernetes.io/name":"web"}},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}"""));
    }
}

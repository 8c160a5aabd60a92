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
    [TestCase("""{"a":[1,2]}""", """[{"op":"replace","path":"/a/1","value":5},{"op":"move","from":"/a/0","path":"/a/-"}]""", """{"a":[5,1]}""")]
    public void Rfc6902_examples(string target, string patch, string expected) =>
        Apply(target, patch).Should().Be(Normal(expected));

    // The texts of evanphx/json-patch v4, which kube-apiserver and kubectl use.
    [TestCase("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", "add operation does not apply: doc is missing path: \"/baz/bat\": missing value")]
    [TestCase("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"bar"}]""", "testing value /baz failed: test failed")]
    [TestCase("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""", "testing value /~01 failed: test failed")]
    [TestCase("""{"a":{}}""", """[{"op":"test","path":"/a/b","value":1}]""", "testing value /a/b failed: test failed")]
    [TestCase("""{"foo":"bar"}""", """[{"op":"remove","path":"/nope"}]""", "error in remove for path: '/nope': Unable to remove nonexistent key: nope: missing value")]
    [TestCase("""{"foo":"bar"}""", """[{"op":"remove","path":"/a/b"}]""", "remove operation does not apply: doc is missing path: \"/a/b\": missing value")]
    [TestCase("""{"foo":"bar"}""", """[{"op":"remove","path":"foo"}]""", "remove operation does not apply: doc is missing path: \"foo\": missing value")]
    [TestCase("""{"foo":[1]}""", """[{"op":"replace","path":"/foo/3","value":1}]""", "replace operation does not apply: doc is missing key: /foo/3: missing value")]
    [TestCase("""{"foo":[1]}""", """[{"op":"add","path":"/foo/5","value":1}]""", "error in add for path: '/foo/5': Unable to access invalid index: 5: invalid index referenced")]
    [TestCase("""{"foo":[1]}""", """[{"op":"remove","path":"/foo/x"}]""", "error in remove for path: '/foo/x': strconv.Atoi: parsing \"x\": invalid syntax")]
    [TestCase("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""", "move operation does not apply: doc is missing destination path: /a/b/c: missing value")]
    [TestCase("""{"a":{"b":1}}""", """[{"op":"move","from":"/a/x","path":"/y"}]""", "error in move for path: 'x': Unable to remove nonexistent key: x: missing value")]
    [TestCase("""{"a":1}""", """[{"op":"copy","from":"/a","path":"/x/y"}]""", "copy operation does not apply: doc is missing destination path: /x/y: missing value")]
    [TestCase("""{"baz":1}""", """[{"op":"frobnicate","path":"/baz"}]""", "Unexpected kind: frobnicate")]
    [TestCase("""{"baz":1}""", """[{"path":"/baz"}]""", "Unexpected kind: unknown")]
    [TestCase("""{"baz":1}""", """[{"op":"remove"}]""", "remove operation failed to decode path: missing value")]
    [TestCase("""{"baz":1}""", """[{"op":"replace","value":1}]""", "replace operation failed to decode path: operation missing path field: missing value")]
    [TestCase("""{"baz":1}""", """[{"op":"move","path":"/x"}]""", "move operation failed to decode from: operation, missing from field: missing value")]
    public void Failing_operations_are_unprocessable(string target, string patch, string message)
    {
        var exception = FluentActions.Invoking(() => Apply(target, patch)).Should().Throw<PatchException>().Which;
        exception.Message.Should().Be(message);
        exception.Malformed.Should().BeFalse();
    }

    // Leniencies of the library kube uses, which clients may rely on.
    [TestCase("""{"a":1}""", """[{"op":"replace","path":"/b","value":2}]""", """{"a":1,"b":2}""")]
    [TestCase("""{"a":[1,2,3]}""", """[{"op":"remove","path":"/a/-1"}]""", """{"a":[1,2]}""")]
    [TestCase("""{"a":[1,2,3]}""", """[{"op":"remove","path":"/a/01"}]""", """{"a":[1,3]}""")]
    [TestCase("""{"a":[1,2]}""", """[{"op":"add","path":"/a/-1","value":9}]""", """{"a":[1,2,9]}""")]
    [TestCase("""{"a":1}""", """[{"op":"test","path":"/b","value":null}]""", """{"a":1}""")]
    [TestCase("""{"a":1}""", """[{"op":"add","path":"/b"}]""", """{"a":1,"b":null}""")]
    [TestCase("""{"a":1}""", """[{"op":"copy","from":"/nope","path":"/b"}]""", """{"a":1,"b":null}""")]
    public void Lenient_like_kube(string target, string patch, string expected) =>
        Apply(target, patch).Should().Be(Normal(expected));

    [TestCase("""[1]""", "json: cannot unmarshal number into Go value of type jsonpatch.Operation")]
    [TestCase("""["x"]""", "json: cannot unmarshal string into Go value of type jsonpatch.Operation")]
    [TestCase("""[[]]""", "json: cannot unmarshal array into Go value of type jsonpatch.Operation")]
    public void Malformed_documents_are_bad_requests(string patch, string message)
    {
        var exception = FluentActions.Invoking(() => Apply("""{"baz":1}""", patch)).Should().Throw<PatchException>().Which;
        exception.Malformed.Should().BeTrue();
        exception.Message.Should().Be(message);
    }

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

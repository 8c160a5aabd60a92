using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.Tests.LocalCluster.Semantics;

public sealed class JsonPathExpressionTests
{
    private static readonly JsonNode Doc = JsonNode.Parse("""
        {"metadata":{"name":"web","labels":{"app.kubernetes.io/name":"web","tier":"fe"}},
         "spec":{"replicas":3,"containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80}]},{"name":"b","image":"busybox"}]},
         "status":{"conditions":[{"type":"Available","status":"True"},{"type":"Ready","status":"False","count":2}],"phase":"Running"}}
        """)!;

    private static string[] Eval(string path) =>
        JsonPathExpression.Parse(path).Evaluate(Doc).Select(n => n?.ToJsonString() ?? "null").ToArray();

    [TestCase(".metadata.name", "\"web\"")]
    [TestCase("{.metadata.name}", "\"web\"")]
    [TestCase("$.metadata.name", "\"web\"")]
    [TestCase("metadata.name", "\"web\"")]
    [TestCase(".spec.replicas", "3")]
    [TestCase(".spec.containers[0].image", "\"nginx\"")]
    [TestCase(".spec.containers[-1].name", "\"b\"")]
    [TestCase(".spec.containers[0].ports[0].containerPort", "80")]
    [TestCase(".metadata.labels['app.kubernetes.io/name']", "\"web\"")]
    [TestCase(".metadata.labels[\"tier\"]", "\"fe\"")]
    [TestCase(".metadata.labels.app\\.kubernetes\\.io/name", "\"web\"")]
    [TestCase(".status.conditions[?(@.type==\"Ready\")].status", "\"False\"")]
    [TestCase(".status.conditions[?(@.type == 'Available')].status", "\"True\"")]
    [TestCase(".status.conditions[?(@.count>1)].type", "\"Ready\"")]
    [TestCase(".status.conditions[?(@.type!=\"Ready\")].type", "\"Available\"")]
    public void Single_results(string path, string expected) => Eval(path).Should().Equal(expected);

    [Test]
    public void Multiple_results_in_document_order()
    {
        Eval(".spec.containers[*].name").Should().Equal("\"a\"", "\"b\"");
        Eval(".spec.containers[0:2].image").Should().Equal("\"nginx\"", "\"busybox\"");
        Eval(".status.conditions[?(@.count)].type").Should().Equal("\"Ready\"");
        Eval(".metadata.labels.*").Should().Equal("\"web\"", "\"fe\"");
        Eval("..containerPort").Should().Equal("80");
    }

    [TestCase(".nothing.here")]
    [TestCase(".spec.containers[5].name")]
    [TestCase(".status.conditions[?(@.type==\"Missing\")].status")]
    [TestCase(".spec.replicas.deeper")]
    public void Missing_members_give_nothing(string path) => Eval(path).Should().BeEmpty();

    [TestCase(".spec.containers[x]")]
    [TestCase(".spec.containers[0")]
    [TestCase(".status.conditions[?(@.type=~\"a\")]")]
    [TestCase(".a['unterminated]")]
    public void Bad_expressions_are_rejected(string path) =>
        FluentActions.Invoking(() => JsonPathExpression.Parse(path)).Should().Throw<FormatException>().WithMessage("invalid JSONPath*");
}

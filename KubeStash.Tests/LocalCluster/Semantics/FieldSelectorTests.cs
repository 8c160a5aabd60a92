using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.Tests.LocalCluster.Semantics;

public sealed class FieldSelectorTests
{
    private static readonly string[] PodFields = ["spec.nodeName", "status.phase", "spec.restartPolicy", "status.podIP", "spec.hostNetwork"];

    private static JsonObject Pod(string name, string phase, string? node)
    {
        var spec = new JsonObject { ["hostNetwork"] = true, ["restartPolicy"] = "Always" };
        if (node is not null)
        {
            spec["nodeName"] = node;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns1" },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = phase },
        };
    }

    [TestCase(null)]
    [TestCase("")]
    public void Empty_selector_selects_everything(string? text) =>
        FieldSelector.Parse(text, PodFields).Matches(Pod("a", "Running", null)).Should().BeTrue();

    [TestCase("metadata.name=a", true)]
    [TestCase("metadata.name==a", true)]
    [TestCase("metadata.name!=a", false)]
    [TestCase("metadata.namespace=ns1", true)]
    [TestCase("metadata.namespace=other", false)]
    [TestCase("status.phase=Running", true)]
    [TestCase("status.phase!=Running", false)]
    [TestCase("status.phase=Running,metadata.name=a", true)]
    [TestCase("status.phase=Running,metadata.name=b", false)]
    [TestCase("spec.nodeName=node-1", true)]
    [TestCase("spec.hostNetwork=true", true)]
    [TestCase("status.podIP=", true)]
    public void Matches_by_dotted_path(string text, bool expected) =>
        FieldSelector.Parse(text, PodFields).Matches(Pod("a", "Running", "node-1")).Should().Be(expected);

    [Test]
    public void An_absent_field_reads_as_the_empty_string()
    {
        var unscheduled = Pod("a", "Pending", null);
        FieldSelector.Parse("spec.nodeName=", PodFields).Matches(unscheduled).Should().BeTrue();
        FieldSelector.Parse("spec.nodeName!=", PodFields).Matches(unscheduled).Should().BeFalse();
    }

    [Test]
    public void Unsupported_fields_get_kubes_message()
    {
        FluentActions.Invoking(() => FieldSelector.Parse("spec.foo=bar", PodFields)).Should().Throw<FormatException>()
            .WithMessage("field label not supported: spec.foo");
        FluentActions.Invoking(() => FieldSelector.Parse("status.phase=Running", [])).Should().Throw<FormatException>()
            .WithMessage("field label not supported: status.phase");
    }

    [Test]
    public void A_term_without_operator_is_rejected()
    {
        FluentActions.Invoking(() => FieldSelector.Parse("status.phase=Running,metadata.name", PodFields)).Should().Throw<FormatException>()
            .WithMessage("invalid selector: 'status.phase=Running,metadata.name'; can't understand 'metadata.name'");
    }

    [Test]
    public void Escaped_commas_and_equals_stay_in_the_value()
    {
        var obj = JsonNode.Parse("""{"metadata":{"name":"a,b=c"}}""")!.AsObject();
        var selector = FieldSelector.Parse(@"metadata.name=a\,b\=c", PodFields);
        selector.Requirements.Should().ContainSingle().Which.Value.Should().Be("a,b=c");
        selector.Matches(obj).Should().BeTrue();
        selector.ToString().Should().Be(@"metadata.name=a\,b\=c");
    }

    [Test]
    public void The_first_operator_position_wins()
    {
        FluentActions.Invoking(() => FieldSelector.Parse("metadata.name=b!=c", PodFields)).Should().Throw<FormatException>()
            .WithMessage("invalid field selector: unescaped character in value: 61");
        FluentActions.Invoking(() => FieldSelector.Parse(@"metadata.name=a\b", PodFields)).Should().Throw<FormatException>()
            .WithMessage(@"invalid field selector: invalid escape sequence: \b");
        FieldSelector.Parse("metadata.name!=b", PodFields).Requirements.Single().Negated.Should().BeTrue();
    }

    [Test]
    public void Default_supported_fields_follow_kube()
    {
        FieldSelector.DefaultSupportedFields("", "Pod").Should().Contain(["spec.nodeName", "status.phase"]);
        FieldSelector.DefaultSupportedFields("", "Secret").Should().Equal("type");
        FieldSelector.DefaultSupportedFields("apps", "Deployment").Should().BeEmpty();
        FluentActions.Invoking(() => FieldSelector.Parse("status.phase=Running", FieldSelector.DefaultSupportedFields("", "ConfigMap")))
            .Should().Throw<FormatException>().WithMessage("field label not supported: status.phase");
    }

    [Test]
    public void Derived_field_labels_read_like_kube()
    {
        var job = JsonNode.Parse("""{"metadata":{"name":"j"},"status":{"succeeded":1}}""")!.AsObject();
        FieldSelector.Parse("status.successful=1", FieldSelector.DefaultSupportedFields("batch", "Job")).Matches(job).Should().BeTrue();
        var fresh = JsonNode.Parse("""{"metadata":{"name":"j"}}""")!.AsObject();
        FieldSelector.Parse("status.successful=0", FieldSelector.DefaultSupportedFields("batch", "Job")).Matches(fresh).Should().BeTrue();
        var evt = JsonNode.Parse("""{"metadata":{"name":"e"},"source":{"component":"kubelet"},"type":"Warning"}""")!.AsObject();
        FieldSelector.Parse("source=kubelet,type=Warning", FieldSelector.DefaultSupportedFields("", "Event")).Matches(evt).Should().BeTrue();
        var node = JsonNode.Parse("""{"metadata":{"name":"n"},"spec":{}}""")!.AsObject();
        FieldSelector.Parse("spec.unschedulable=false", FieldSelector.DefaultSupportedFields("", "Node")).Matches(node).Should().BeTrue();
    }
}

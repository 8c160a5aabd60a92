using k8s.Models;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.Tests.LocalCluster.Semantics;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "frontend", ["env"] = "" };

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Empty_selector_selects_everything(string? text)
    {
        var selector = LabelSelector.Parse(text);
        selector.IsEmpty.Should().BeTrue();
        selector.Matches(null).Should().BeTrue();
        selector.Matches(Web).Should().BeTrue();
    }

    [TestCase("app=web", true)]
    [TestCase("app==web", true)]
    [TestCase("app=db", false)]
    [TestCase("app!=db", true)]
    [TestCase("app!=web", false)]
    [TestCase("missing!=x", true)]
    [TestCase("app in (web,db)", true)]
    [TestCase("app in (db)", false)]
    [TestCase("app notin (db,cache)", true)]
    [TestCase("app notin (web)", false)]
    [TestCase("missing notin (web)", true)]
    [TestCase("missing in (web)", false)]
    [TestCase("app", true)]
    [TestCase("missing", false)]
    [TestCase("!missing", true)]
    [TestCase("!app", false)]
    [TestCase("app=web,tier=frontend", true)]
    [TestCase("app=web,tier=backend", false)]
    [TestCase("  app = web ,  tier in ( frontend , backend ) , !missing ", true)]
    [TestCase("env=", true)]
    [TestCase("env", true)]
    [TestCase("app=", false)]
    [TestCase("app in (in,notin,web)", true)]
    public void Matches_as_kube_does(string text, bool expected) =>
        LabelSelector.Parse(text).Matches(Web).Should().Be(expected);

    [Test]
    public void Gt_and_lt_compare_integers_and_need_the_label()
    {
        var labels = new Dictionary<string, string> { ["size"] = "10", ["name"] = "x" };
        LabelSelector.Parse("size>5").Matches(labels).Should().BeTrue();
        LabelSelector.Parse("size<5").Matches(labels).Should().BeFalse();
        LabelSelector.Parse("name>5").Matches(labels).Should().BeFalse();
        LabelSelector.Parse("absent<5").Matches(labels).Should().BeFalse();
    }

    [Test]
    public void Prefixed_keys_are_accepted()
    {
        var labels = new Dictionary<string, string> { ["kubestash.com/invoker-name"] = "daily" };
        LabelSelector.Parse("kubestash.com/invoker-name=daily").Matches(labels).Should().BeTrue();
        LabelSelector.Parse("app.kubernetes.io/name in (a, b)").Matches(labels).Should().BeFalse();
    }

    [Test]
    public void Requirements_are_exposed_with_sorted_set_values()
    {
        var selector = LabelSelector.Parse("a in (z,x,y),!b,c!=d");
        selector.Requirements.Should().HaveCount(3);
        selector.Requirements[0].Operator.Should().Be(LabelSelectorOperator.In);
        selector.Requirements[0].Values.Should().Equal("x", "y", "z");
        selector.Requirements[1].Operator.Should().Be(LabelSelectorOperator.DoesNotExist);
        selector.ToString().Should().Be("a in (x,y,z),!b,c!=d");
    }

    [Test]
    public void Empty_slots_in_a_set_stand_for_the_empty_value()
    {
        LabelSelector.Parse("env in (,prod)").Matches(Web).Should().BeTrue();
        LabelSelector.Parse("env in (prod,)").Matches(Web).Should().BeTrue();
        LabelSelector.Parse("env in ()").Matches(Web).Should().BeTrue();
        LabelSelector.Parse("app in ()").Matches(Web).Should().BeFalse();
    }

    // Errors inside one requirement carry kube's "unable to parse requirement: " prefix; errors between them do not.
    [TestCase("app web", "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt")]
    [TestCase("!", "unable to parse requirement: found '', expected: identifier")]
    [TestCase("a in x", "unable to parse requirement: found 'x' expected: '('")]
    [TestCase("a in (x", "unable to parse requirement: found '', expected: ',', or ')'")]
    [TestCase("a in (x y)", "unable to parse requirement: found 'y', expected: ',', or ')'")]
    [TestCase("a=(b)", "unable to parse requirement: found '(', expected: identifier")]
    [TestCase("app=web,", "found '', expected: identifier after ','")]
    [TestCase("=web", "found '=', expected: !, identifier, or 'end of string'")]
    [TestCase("!a=b", "found '=', expected: ',' or 'end of string'")]
    [TestCase("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [TestCase("in=x", "found 'in', expected: !, identifier, or 'end of string'")]
    public void Grammar_errors_use_kubes_texts(string text, string message) =>
        FluentActions.Invoking(() => LabelSelector.Parse(text)).Should().Throw<FormatException>().WithMessage(message);

    [Test]
    public void Keywords_are_plain_names_in_key_position_after_a_bang()
    {
        LabelSelector.Parse("!in").Matches(Web).Should().BeTrue();
        LabelSelector.Parse("!app,tier").Matches(Web).Should().BeFalse();
    }

    [Test]
    public void Invalid_keys_are_rejected_with_the_qualified_name_message()
    {
        FluentActions.Invoking(() => LabelSelector.Parse("-bad=x")).Should().Throw<FormatException>()
            .WithMessage("*key: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        FluentActions.Invoking(() => LabelSelector.Parse(new string('a', 64))).Should().Throw<FormatException>()
            .WithMessage("*name part must be no more than 63 characters*");
        FluentActions.Invoking(() => LabelSelector.Parse("Example.COM/app=x")).Should().Throw<FormatException>()
            .WithMessage("*prefix part a lowercase RFC 1123 subdomain must consist of*");
        FluentActions.Invoking(() => LabelSelector.Parse("a/b/c")).Should().Throw<FormatException>()
            .WithMessage("*a qualified name must consist of*with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        FluentActions.Invoking(() => LabelSelector.Parse("/app")).Should().Throw<FormatException>()
            .WithMessage("*prefix part must be non-empty*");
    }

    [Test]
    public void Invalid_values_are_rejected_naming_the_value_and_key()
    {
        FluentActions.Invoking(() => LabelSelector.Parse("app=-web")).Should().Throw<FormatException>()
            .WithMessage("unable to parse requirement: values[0][app]: Invalid value: \"-web\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        FluentActions.Invoking(() => LabelSelector.Parse("app=" + new string('v', 64))).Should().Throw<FormatException>()
            .WithMessage("*must be no more than 63 characters*");
        FluentActions.Invoking(() => LabelSelector.Parse("size>x")).Should().Throw<FormatException>()
            .WithMessage("*for 'Gt', 'Lt' operators, the value must be an integer*");
    }

    [Test]
    public void A_label_selector_object_converts_as_kube_does()
    {
        LabelSelector.FromObject(null).Matches(Web).Should().BeFalse();
        LabelSelector.FromObject(new V1LabelSelector()).Matches(Web).Should().BeTrue();
        var selector = LabelSelector.FromObject(new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
            MatchExpressions =
            [
                new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In", Values = ["frontend", "backend"] },
                new V1LabelSelectorRequirement { Key = "gone", OperatorProperty = "DoesNotExist" },
            ],
        });
        selector.ToString().Should().Be("app=web,!gone,tier in (backend,frontend)");
        selector.Matches(Web).Should().BeTrue();
        selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "db" }).Should().BeFalse();
    }

    [Test]
    public void A_bad_label_selector_object_is_rejected()
    {
        FluentActions.Invoking(() => LabelSelector.FromObject(new V1LabelSelector
        {
            MatchExpressions = [new V1LabelSelectorRequirement { Key = "a", OperatorProperty = "Near", Values = ["x"] }],
        })).Should().Throw<FormatException>().WithMessage("\"Near\" is not a valid label selector operator");
        FluentActions.Invoking(() => LabelSelector.FromObject(new V1LabelSelector
        {
            MatchExpressions = [new V1LabelSelectorRequirement { Key = "a", OperatorProperty = "In", Values = [] }],
        })).Should().Throw<FormatException>().WithMessage("values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
        FluentActions.Invoking(() => LabelSelector.FromObject(new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["bad key"] = "x" },
        })).Should().Throw<FormatException>().WithMessage("key: Invalid value: \"bad key\"*");
    }
}

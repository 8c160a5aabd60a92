using k8s.Models;
using KubeStash.Operator.Runtime.Generation;
using KubeStash.Tests.Generation.Samples;

namespace KubeStash.Tests.Generation;

[TestFixture]
public sealed class XmlDocumentationTests
{
    private readonly XmlDocumentation _documentation = new();

    /// <summary>
    /// Uses <c>inline code</c>, a <see cref="WidgetSpec"/> reference, <see langword="null"/> and
    ///   wrapped    whitespace.
    /// <para>A second paragraph.</para>
    /// </summary>
    public string Documented { get; set; } = string.Empty;

    [Test]
    public void Tags_become_plain_text_and_whitespace_is_normalised()
    {
        _documentation.Summary(typeof(XmlDocumentationTests).GetProperty(nameof(Documented))!)
            .Should().Be("Uses inline code, a WidgetSpec reference, null and wrapped whitespace.\n\nA second paragraph.");
    }

    [Test]
    public void Members_of_generic_base_classes_are_found()
    {
        _documentation.Summary(typeof(Widget).GetProperty("Status")!).Should().Be("The most recently observed state of the object.");
        _documentation.Summary(typeof(Widget).GetProperty("Spec")!).Should().Be("The desired state of the object.");
    }

    [Test]
    public void Kubernetes_model_documentation_is_read_from_the_package()
    {
        _documentation.Summary(typeof(V1Toleration)).Should().StartWith("The pod this Toleration is attached to tolerates any taint");
        _documentation.Summary(typeof(V1Container).GetProperty(nameof(V1Container.Image))!).Should().StartWith("Container image name.");
    }

    [Test]
    public void Undocumented_members_have_no_summary()
    {
        _documentation.Summary(typeof(XmlDocumentationTests).GetMethod(nameof(Undocumented_members_have_no_summary))!.DeclaringType!)
            .Should().BeNull();
    }
}

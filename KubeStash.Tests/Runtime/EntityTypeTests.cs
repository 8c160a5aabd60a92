using k8s.Models;
using KubeStash.Operator.Runtime.Entities;
using KubeStash.Operator.Runtime.Reconciliation;

namespace KubeStash.Tests.Runtime;

public sealed class EntityTypeTests
{
    [Test]
    public void Reads_group_version_kind_and_plural_from_the_entity_attribute()
    {
        var type = EntityType.Of<TestWidget>();
        type.Should().Be(new EntityType(TestWidget.Group, "v1", "TestWidget", "testwidgets"));
        type.ApiVersion.Should().Be(TestWidget.Group + "/v1");
        type.CollectionPath(null).Should().Be($"apis/{TestWidget.Group}/v1/testwidgets");
        type.ObjectPath("ns", "w").Should().Be($"apis/{TestWidget.Group}/v1/namespaces/ns/testwidgets/w");
    }

    [Test]
    public void Core_kinds_live_under_api_v1()
    {
        var type = EntityType.Of<V1ConfigMap>();
        type.ApiVersion.Should().Be("v1");
        type.ObjectPath("ns", "c").Should().Be("api/v1/namespaces/ns/configmaps/c");
        EntityType.Of<V1Job>().CollectionPath("x").Should().Be("apis/batch/v1/namespaces/x/jobs");
    }

    [Test]
    public void A_class_without_the_attribute_is_rejected_by_name()
    {
        var plainClass = typeof(EntityTypeTests);
        FluentActions.Invoking(() => EntityType.Of(plainClass))
            .Should().Throw<ArgumentException>().WithMessage("*EntityTypeTests*KubernetesEntity*");
    }

    [Test]
    public void Finalizer_identifiers_are_derived_from_group_and_class_and_validated()
    {
        FinalizerIdentifier.Derive(typeof(WidgetCleanupFinalizer), EntityType.Of<TestWidget>())
            .Should().Be(TestWidget.Group + "/widget-cleanup-finalizer");
        FinalizerIdentifier.Validate("example.com/cleanup").Should().Be("example.com/cleanup");
        FluentActions.Invoking(() => FinalizerIdentifier.Validate("cleanup")).Should().Throw<ArgumentException>().WithMessage("*qualified name*");
        FluentActions.Invoking(() => FinalizerIdentifier.Validate("Example_com/x")).Should().Throw<ArgumentException>().WithMessage("*DNS subdomain*");
    }

    private sealed class WidgetCleanupFinalizer;
}

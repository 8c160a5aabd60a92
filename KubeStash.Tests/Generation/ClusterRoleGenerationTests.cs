using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Generation;
using KubeStash.Operator.Runtime.Rbac;
using KubeStash.Tests.Generation.Samples;

namespace KubeStash.Tests.Generation;

[TestFixture]
public sealed class ClusterRoleGenerationTests
{
    private static V1ClusterRole Build(params Type[] types) => new ClusterRoleBuilder().Build("operator-role", types);

    [Test]
    public void Role_lists_exactly_the_declared_verbs_merged_per_group_and_resource()
    {
        var role = Build(typeof(WidgetReconcilerRbac), typeof(HousekeepingRbac));

        role.Metadata.Name.Should().Be("operator-role");
        var granted = role.Rules
            .Where(r => r.Resources is not null)
            .SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.Select(res => $"{g}/{res}: {string.Join(",", r.Verbs)}")))
            .ToList();
        granted.Should().BeEquivalentTo(
            "/configmaps: get",
            "/events: create,get,patch",
            "/secrets: get",
            "batch/cronjobs: create,delete,deletecollection,get,list,patch,update,watch",
            "batch/jobs: create,delete,deletecollection,get,list,patch,update,watch",
            "coordination.k8s.io/leases: create,get,update",
            "generation.test.example/gadgets: get,patch",
            "generation.test.example/widgets: delete,get,list,update,watch",
            "generation.test.example/widgets/finalizers: update",
            "generation.test.example/widgets/status: get,patch,update");
        granted.Should().OnlyHaveUniqueItems();

        role.Rules.Where(r => r.NonResourceURLs is not null).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new V1PolicyRule { NonResourceURLs = ["/metrics"], Verbs = ["get"] });
    }

    [Test]
    public void Rules_group_resources_with_equal_verbs_and_are_sorted()
    {
        var role = Build(typeof(HousekeepingRbac), typeof(WidgetReconcilerRbac));

        var batch = role.Rules.Single(r => r.ApiGroups?.Single() == "batch");
        batch.Resources.Should().Equal("cronjobs", "jobs");
        role.Rules.Single(r => r.ApiGroups?.Single() == "" && r.Resources.Contains("secrets")).Resources.Should().Equal("configmaps", "secrets");
        foreach (var rule in role.Rules)
        {
            rule.Verbs.Should().BeInAscendingOrder(StringComparer.Ordinal);
            rule.Resources?.Should().BeInAscendingOrder(StringComparer.Ordinal);
        }

        role.Rules.Where(r => r.ApiGroups is not null).Select(r => r.ApiGroups.Single()).Should().BeInAscendingOrder(StringComparer.Ordinal);
        role.Rules.Last().NonResourceURLs.Should().NotBeNull("non-resource rules come after resource rules");
    }

    [Test]
    public void Output_does_not_depend_on_the_order_classes_are_given_in()
    {
        KubernetesYaml.Serialize(Build(typeof(WidgetReconcilerRbac), typeof(HousekeepingRbac)))
            .Should().Be(KubernetesYaml.Serialize(Build(typeof(HousekeepingRbac), typeof(WidgetReconcilerRbac))));
    }

    [Test]
    public void Status_subresource_rules_need_a_status_and_an_update_or_patch()
    {
        var role = Build(typeof(WidgetReconcilerRbac));
        role.Rules.SelectMany(r => r.Resources ?? []).Should().NotContain("gadgets/status", "Gadget has no status subresource");

        var readOnly = Build(typeof(ReadOnlyWidgetRbac));
        readOnly.Rules.Should().ContainSingle().Which.Resources.Should().Equal("widgets");
    }

    [Test]
    public void Bad_declarations_are_reported_with_the_declaring_class()
    {
        FluentActions.Invoking(() => Build(typeof(NoVerbsRbac))).Should().Throw<ManifestGenerationException>()
            .WithMessage("*NoVerbsRbac*declares no verbs*");
        FluentActions.Invoking(() => Build(typeof(ResourcesWithoutGroupRbac))).Should().Throw<ManifestGenerationException>()
            .WithMessage("*ResourcesWithoutGroupRbac*must name their Groups*");
        FluentActions.Invoking(() => Build(typeof(NotAnEntityRbac))).Should().Throw<ManifestGenerationException>()
            .WithMessage("*WidgetSpec*no [KubernetesEntity]*");
    }

    [EntityRbac(typeof(Widget), Verbs = RbacVerbs.Get | RbacVerbs.Watch)]
    private sealed class ReadOnlyWidgetRbac;

    [EntityRbac(typeof(Widget))]
    private sealed class NoVerbsRbac;

    [GenericRbac(Resources = ["pods"], Verbs = RbacVerbs.Get)]
    private sealed class ResourcesWithoutGroupRbac;

    [EntityRbac(typeof(WidgetSpec), Verbs = RbacVerbs.Get)]
    private sealed class NotAnEntityRbac;
}

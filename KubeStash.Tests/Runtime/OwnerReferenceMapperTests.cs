using k8s.Models;
using KubeStash.Operator.Runtime.Entities;
using KubeStash.Operator.Runtime.Reconciliation;

namespace KubeStash.Tests.Runtime;

public sealed class OwnerReferenceMapperTests
{
    private static V1Job JobOwnedBy(params V1OwnerReference[] owners)
        => new() { Metadata = new V1ObjectMeta { Name = "job", NamespaceProperty = "apps", OwnerReferences = owners } };

    [Test]
    public void Maps_owner_references_of_the_owner_type_to_keys_in_the_owned_objects_namespace()
    {
        var job = JobOwnedBy(
            new V1OwnerReference { ApiVersion = TestWidget.Group + "/v1", Kind = "TestWidget", Name = "w1", Uid = "u1" },
            new V1OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = "cron", Uid = "u2" },
            new V1OwnerReference { ApiVersion = "other.example.com/v1", Kind = "TestWidget", Name = "w2", Uid = "u3" });

        OwnerReferenceMapper.OwnersOf(job, EntityType.Of<TestWidget>())
            .Should().Equal(new ObjectKey("apps", "w1"));
        OwnerReferenceMapper.OwnersOf(job, EntityType.Of<V1CronJob>())
            .Should().Equal(new ObjectKey("apps", "cron"));
    }

    [Test]
    public void Matches_any_version_of_the_owner_group()
    {
        var job = JobOwnedBy(new V1OwnerReference { ApiVersion = TestWidget.Group + "/v2beta1", Kind = "TestWidget", Name = "w1", Uid = "u1" });
        OwnerReferenceMapper.OwnersOf(job, EntityType.Of<TestWidget>()).Should().Equal(new ObjectKey("apps", "w1"));
    }

    [Test]
    public void An_object_without_owner_references_maps_to_nothing()
    {
        OwnerReferenceMapper.OwnersOf(JobOwnedBy(), EntityType.Of<TestWidget>()).Should().BeEmpty();
        OwnerReferenceMapper.OwnersOf(new V1Job { Metadata = new V1ObjectMeta { Name = "j" } }, EntityType.Of<TestWidget>()).Should().BeEmpty();
    }

    [Test]
    public void Core_group_owners_match_by_bare_version()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "p",
                NamespaceProperty = "apps",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "cm", Uid = "u" }],
            },
        };
        OwnerReferenceMapper.OwnersOf(pod, EntityType.Of<V1ConfigMap>()).Should().Equal(new ObjectKey("apps", "cm"));
    }
}

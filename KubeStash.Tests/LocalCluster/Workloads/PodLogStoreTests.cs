using KubeStash.LocalCluster.Workloads;

namespace KubeStash.Tests.LocalCluster.Workloads;

public sealed class PodLogStoreTests
{
    [Test]
    public void Keeps_only_the_tail_per_container()
    {
        var store = new InMemoryPodLogStore(tailCharacters: 10);

        store.Append("ns", "pod", "main", "0123456789");
        store.Append("ns", "pod", "main", "abc");
        store.Append("ns", "pod", "side", "x");

        store.Read("ns", "pod", "main").Should().Be("3456789abc");
        store.Read("ns", "pod", "side").Should().Be("x");
        store.Read("ns", "pod", "never").Should().BeNull();
    }

    [Test]
    public void Removing_a_pod_forgets_all_its_containers()
    {
        var store = new InMemoryPodLogStore();
        store.Append("ns", "pod", "a", "1");
        store.Append("ns", "pod", "b", "2");
        store.Append("ns", "other", "a", "3");

        store.RemovePod("ns", "pod");

        store.Read("ns", "pod", "a").Should().BeNull();
        store.Read("ns", "pod", "b").Should().BeNull();
        store.Read("ns", "other", "a").Should().Be("3");
    }
}

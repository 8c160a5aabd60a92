using KubeStash.Dumper.Collection;

namespace KubeStash.Tests.Dumper;

public sealed class HeapCeilingTests
{
    [Test]
    public void A_heap_past_the_ceiling_gets_one_full_collection_and_a_ceiling_above_what_survived()
    {
        var ceiling = new HeapCeiling(floorBytes: 1 << 20);
        var before = GC.CollectionCount(GC.MaxGeneration);
        for (var i = 0; i < 16; i++)
        {
            GC.KeepAlive(new byte[256 << 10]);
        }

        ceiling.Check();

        ceiling.Collections.Should().Be(1);
        GC.CollectionCount(GC.MaxGeneration).Should().BeGreaterThan(before);
    }

    [Test]
    public void A_heap_under_the_ceiling_is_left_to_the_GC()
    {
        var ceiling = new HeapCeiling(floorBytes: long.MaxValue / 4);

        ceiling.Check();

        ceiling.Collections.Should().Be(0);
    }
}

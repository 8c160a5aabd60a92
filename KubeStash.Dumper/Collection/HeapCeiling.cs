namespace KubeStash.Dumper.Collection;

/// <summary>
/// Keeps the Dumper's heap near what it really holds: a few LIST pages and batches. Pages are large objects, and where
/// the process has no memory limit of its own the GC lets their garbage pile up until its full-collection budget is
/// spent (bench-dumper: tens of MiB of peak RSS at 100k objects). After each page the Dumper asks whether the heap has
/// passed the ceiling; if so one full collection runs and the ceiling becomes twice what survived it (never below the
/// floor), so a cluster whose pages really are large is not collected after every page.
/// </summary>
public sealed class HeapCeiling(long floorBytes)
{
    public const long DefaultFloorBytes = 32L << 20;

    private readonly long floor = floorBytes;
    private long ceiling = floorBytes;
    private int collecting;
    private int collections;

    public HeapCeiling()
        : this(DefaultFloorBytes)
    {
    }

    /// <summary>How many full collections the ceiling asked for.</summary>
    public int Collections => Volatile.Read(ref collections);

    public void Check()
    {
        if (GC.GetTotalMemory(forceFullCollection: false) < Volatile.Read(ref ceiling) || Interlocked.Exchange(ref collecting, 1) == 1)
        {
            return;
        }

        try
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
            Volatile.Write(ref ceiling, Math.Max(floor, 2 * GC.GetTotalMemory(forceFullCollection: false)));
            Interlocked.Increment(ref collections);
        }
        finally
        {
            Volatile.Write(ref collecting, 0);
        }
    }
}

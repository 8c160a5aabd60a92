namespace KubeStash.Tests.LocalCluster.Workloads;

/// <summary>The system clock moved by an adjustable offset, so a test can jump to a schedule slot while timers still run.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

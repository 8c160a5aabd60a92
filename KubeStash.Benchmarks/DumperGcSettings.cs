namespace KubeStash.Benchmarks;

/// <summary>The GC environment of the Dumper's container image (see KubeStash.Dumper/Dockerfile).</summary>
internal static class DumperGcSettings
{
    /// <summary>A 4 MiB gen0 budget: streaming work needs little young generation, and the default follows the L3 size.</summary>
    public const string Gen0Size = "0x400000";
}

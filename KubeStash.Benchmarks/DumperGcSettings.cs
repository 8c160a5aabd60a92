namespace KubeStash.Benchmarks;

/// <summary>The GC environment of the Dumper's container image (see KubeStash.Dumper/Dockerfile).</summary>
internal static class DumperGcSettings
{
    /// <summary>
    /// An 8 MiB gen0 budget: streaming work needs little young generation, and the default follows the L3 size.
    /// Measured with bench-dumper: 8 MiB gives a flat ~160 MiB peak; 4 MiB collects so often that more survives into
    /// the older generations (~204 MiB).
    /// </summary>
    public const string Gen0Size = "0x800000";
}

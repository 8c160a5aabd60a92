namespace KubeStash.Benchmarks;

/// <summary>
/// The GC and JIT environment of the Dumper (its container image, KubeStash.Dumper/Dockerfile, and its runtimeconfig,
/// KubeStash.Dumper.csproj), for benchmark processes that stand in for it.
/// </summary>
internal static class DumperGcSettings
{
    /// <summary>
    /// An 8 MiB gen0 budget: streaming work needs little young generation, and the default follows the L3 size.
    /// Measured with bench-dumper: 8 MiB gives a flat ~160 MiB peak; 4 MiB collects so often that more survives into
    /// the older generations (~204 MiB).
    /// </summary>
    public const string Gen0Size = "0x800000";

    /// <summary>
    /// DOTNET_TieredPGO: off, as the Dumper's runtimeconfig has it (&lt;TieredPGO&gt;false&lt;/TieredPGO&gt; in its project).
    /// </summary>
    public const string TieredPgo = "0";

    /// <summary>DOTNET_EnableDiagnostics: off in the image (no diagnostics IPC server, debugger or profiler attach).</summary>
    public const string EnableDiagnostics = "0";
}

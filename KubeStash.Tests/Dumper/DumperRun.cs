namespace KubeStash.Tests.Dumper;

/// <summary>The outcome of one in-process run of the Dumper's command line.</summary>
public sealed record DumperRun(int ExitCode, string Stdout, string Stderr);

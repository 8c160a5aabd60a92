namespace KubeStash.Tests.LocalCluster;

internal sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public KubectlResult ShouldSucceed()
    {
        ExitCode.Should().Be(0, $"kubectl should succeed; stderr: {Stderr}; stdout: {Stdout}");
        return this;
    }
}

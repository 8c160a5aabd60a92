namespace KubeStash.Tests.Runtime;

/// <summary>Lets a test double fail a fixed number of times.</summary>
public sealed class FailureBudget(int failures)
{
    private int remaining = failures;

    public bool TrySpend() => Interlocked.Decrement(ref remaining) >= 0;
}

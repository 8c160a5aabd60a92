namespace KubeStash.Tests.Runtime;

/// <summary>Names one operator instance in tests that run several.</summary>
public sealed record InstanceTag(string Name);

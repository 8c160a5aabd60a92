using System.Security.Cryptography.X509Certificates;

namespace KubeStash.Tests.TestServers;

/// <summary>How often and how the fault proxy fails requests.</summary>
public sealed record FaultProxyOptions
{
    /// <summary>Fraction of requests failed (0…1).</summary>
    public double FailureRate { get; init; }

    /// <summary>The kinds of failure, picked at random for each failed request.</summary>
    public IReadOnlyList<FaultKind> Kinds { get; init; } = [FaultKind.ResetBeforeRequest, FaultKind.ResetMidResponse, FaultKind.ServiceUnavailable, FaultKind.Stall];

    /// <summary>At most this many requests are failed in total (keeps a test's worst case bounded).</summary>
    public int MaxFaults { get; init; } = int.MaxValue;

    public TimeSpan StallFor { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed of the fault dice, so a failing run can be replayed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>When set, the proxy serves HTTPS with this certificate (the upstream stays plain HTTP).</summary>
    public X509Certificate2? TlsCertificate { get; init; }
}

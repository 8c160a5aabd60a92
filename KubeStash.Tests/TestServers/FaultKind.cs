namespace KubeStash.Tests.TestServers;

/// <summary>What the fault proxy does to a request it decided to fail.</summary>
public enum FaultKind
{
    /// <summary>Reset the connection before the request reaches the server.</summary>
    ResetBeforeRequest,
    /// <summary>Let the server handle the request, then reset the connection instead of answering in full.</summary>
    ResetMidResponse,
    /// <summary>Answer 503 Service Unavailable without contacting the server.</summary>
    ServiceUnavailable,
    /// <summary>Answer nothing for <see cref="FaultProxyOptions.StallFor"/>, then reset.</summary>
    Stall,
}

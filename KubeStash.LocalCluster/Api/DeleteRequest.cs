namespace KubeStash.LocalCluster.Api;

/// <summary>The DeleteOptions of one deletion, from the query and/or the body.</summary>
internal sealed record DeleteRequest(string? PropagationPolicy = null, long? GracePeriodSeconds = null, string? PreconditionUid = null, string? PreconditionResourceVersion = null);

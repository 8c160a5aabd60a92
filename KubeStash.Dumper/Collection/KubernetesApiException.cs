using System.Net;

namespace KubeStash.Dumper.Collection;

/// <summary>An API request that the server answered with an error status.</summary>
public sealed class KubernetesApiException(HttpStatusCode statusCode, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>Worth retrying: throttled, timed out or a server-side failure.</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.GatewayTimeout or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.Conflict;
}

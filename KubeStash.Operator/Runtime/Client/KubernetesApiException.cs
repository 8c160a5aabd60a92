using System.Net;
using k8s.Models;

namespace KubeStash.Operator.Runtime.Client;

/// <summary>The API server answered with an error status; <see cref="Status"/> carries its explanation when it sent one.</summary>
public sealed class KubernetesApiException : Exception
{
    public KubernetesApiException(HttpStatusCode statusCode, V1Status? status, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Status = status;
    }

    public KubernetesApiException()
        : this(HttpStatusCode.InternalServerError, null, "The Kubernetes API request failed.")
    {
    }

    public KubernetesApiException(string message)
        : this(HttpStatusCode.InternalServerError, null, message)
    {
    }

    public KubernetesApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = HttpStatusCode.InternalServerError;
    }

    public HttpStatusCode StatusCode { get; }

    public V1Status? Status { get; }

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    /// <summary>The resource version asked for is too old (watch or list); the caller must re-list.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;
}

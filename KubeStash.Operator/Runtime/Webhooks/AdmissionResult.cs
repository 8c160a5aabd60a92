namespace KubeStash.Operator.Runtime.Webhooks;

/// <summary>A validation verdict: allowed (possibly with warnings) or denied with a message naming the offending field.</summary>
public sealed record AdmissionResult
{
    private AdmissionResult(bool allowed, string? message, int statusCode, IReadOnlyList<string> warnings)
    {
        Allowed = allowed;
        Message = message;
        StatusCode = statusCode;
        Warnings = warnings;
    }

    public bool Allowed { get; }

    /// <summary>For a denial: "&lt;field path&gt;: &lt;what is wrong&gt;".</summary>
    public string? Message { get; }

    /// <summary>HTTP status the API server answers the client with on denial.</summary>
    public int StatusCode { get; }

    public IReadOnlyList<string> Warnings { get; }

    public static AdmissionResult Allow(params string[] warnings) => new(true, null, 200, warnings ?? []);

    /// <param name="field">The field path as users write it, e.g. <c>spec.schedule</c>.</param>
    /// <param name="problem">What is wrong with it and, ideally, what is expected.</param>
    /// <param name="statusCode">HTTP status for the client; 403 Forbidden by default, as for any webhook denial.</param>
    public static AdmissionResult Deny(string field, string problem, int statusCode = 403)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        if (statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A denial needs an HTTP error status (4xx or 5xx).");
        }

        return new(false, $"{field}: {problem}", statusCode, []);
    }
}

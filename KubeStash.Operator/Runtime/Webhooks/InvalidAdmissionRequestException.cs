namespace KubeStash.Operator.Runtime.Webhooks;

/// <summary>The AdmissionReview posted to a webhook lacks what the operation needs.</summary>
public sealed class InvalidAdmissionRequestException : Exception
{
    public InvalidAdmissionRequestException()
        : base("The AdmissionReview is invalid.")
    {
    }

    public InvalidAdmissionRequestException(string message)
        : base(message)
    {
    }

    public InvalidAdmissionRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// One invalid field, shaped like kube-apiserver's <c>StatusCause</c>: <paramref name="Reason"/> is one of
/// FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, FieldValueTypeInvalid, FieldValueTooLong,
/// FieldValueTooMany, FieldValueDuplicate; <paramref name="Field"/> is the dotted path, e.g. <c>spec.storage.provider</c>;
/// <paramref name="Message"/> is the cause's message (kube's error body, without the field), e.g.
/// <c>Invalid value: "string": spec.replicas in body must be of type integer: "string"</c>.
/// </summary>
public sealed record FieldError(string Reason, string Field, string Message)
{
    /// <summary>The error as kube prints it in a Status message: <c>field: body</c>.</summary>
    public override string ToString() => Field + ": " + Message;
}

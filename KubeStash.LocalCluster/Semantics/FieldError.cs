namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// One invalid field, shaped like kube-apiserver's <c>StatusCause</c>: <paramref name="Reason"/> is one of
/// FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, FieldValueTypeInvalid, FieldValueTooLong,
/// FieldValueTooMany, FieldValueDuplicate; <paramref name="Field"/> is the dotted path, e.g. <c>spec.storage.provider</c>.
/// </summary>
public sealed record FieldError(string Reason, string Field, string Message);

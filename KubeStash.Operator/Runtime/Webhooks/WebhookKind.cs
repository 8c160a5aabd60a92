namespace KubeStash.Operator.Runtime.Webhooks;

public enum WebhookKind
{
    Validating,
    Mutating,
}

namespace KubeStash.Operator.Runtime.Events;

/// <summary>The <c>type</c> of a core/v1 Event.</summary>
public enum EventSeverity
{
    Normal,
    Warning,
}

using KubeStash.Entities.Common;

namespace KubeStash.Operator.Backup;

/// <summary>Sets KubeStash conditions the Kubernetes way: the transition time moves only when the status flips.</summary>
public static class Conditions
{
    public static IList<Condition> Set(IList<Condition>? conditions, string type, bool status, string reason, string message, long? observedGeneration, TimeProvider clock)
    {
        var list = conditions ?? [];
        var wanted = status ? ConditionStatus.True : ConditionStatus.False;
        var existing = list.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            list.Add(new Condition
            {
                Type = type,
                Status = wanted,
                Reason = reason,
                Message = message,
                ObservedGeneration = observedGeneration,
                LastTransitionTime = clock.GetUtcNow().UtcDateTime.TruncateToSeconds(),
            });
            return list;
        }

        if (existing.Status != wanted)
        {
            existing.LastTransitionTime = clock.GetUtcNow().UtcDateTime.TruncateToSeconds();
        }

        existing.Status = wanted;
        existing.Reason = reason;
        existing.Message = message;
        existing.ObservedGeneration = observedGeneration;
        return list;
    }

    public static bool IsTrue(IList<Condition>? conditions, string type)
        => conditions?.FirstOrDefault(c => c.Type == type)?.Status == ConditionStatus.True;

    /// <summary>Kubernetes times have whole seconds; a fraction would make every status write differ from what is read back.</summary>
    public static DateTime TruncateToSeconds(this DateTime time)
        => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}

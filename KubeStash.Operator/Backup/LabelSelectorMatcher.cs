using k8s.Models;

namespace KubeStash.Operator.Backup;

/// <summary>Evaluates a metav1 LabelSelector against a label set, as the API server does.</summary>
public static class LabelSelectorMatcher
{
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null)
        {
            return false;
        }

        labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(expression.Key, out var actual);
            var values = expression.Values ?? [];
            var ok = expression.OperatorProperty switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}

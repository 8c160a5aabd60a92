using k8s.Models;
using KubeStash.Entities.Common;

namespace KubeStash.Operator.Backup;

/// <summary>KubeStash's <c>usagePolicy.allowedNamespaces</c>: Same (the default), All, or Selector over namespace labels.</summary>
public static class UsagePolicyCheck
{
    public static bool Allows(UsagePolicy? policy, string ownerNamespace, V1Namespace? userNamespace)
    {
        var allowed = policy?.AllowedNamespaces;
        var user = userNamespace?.Metadata?.Name;
        return (allowed?.From ?? FromNamespaces.Same) switch
        {
            FromNamespaces.All => true,
            FromNamespaces.Same => user == ownerNamespace,
            FromNamespaces.Selector => LabelSelectorMatcher.Matches(allowed?.Selector, WithNameLabel(userNamespace)),
            _ => false,
        };
    }

    /// <summary>kube-apiserver sets kubernetes.io/metadata.name on every namespace; selectors rely on it.</summary>
    private static Dictionary<string, string> WithNameLabel(V1Namespace? ns)
    {
        var labels = new Dictionary<string, string>(ns?.Metadata?.Labels ?? new Dictionary<string, string>());
        if (ns?.Metadata?.Name is { } name)
        {
            labels.TryAdd("kubernetes.io/metadata.name", name);
        }

        return labels;
    }
}

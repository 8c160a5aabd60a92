using k8s.Models;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>A parsed <c>labelSelector</c> query (=, ==, !=, in, notin, exists, !exists).</summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<LabelRequirement> requirements;
    private readonly bool matchesNothing;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing = false)
    {
        this.requirements = requirements;
        this.matchesNothing = matchesNothing;
    }

    /// <summary>The selector that matches no object (what kube makes of an absent <c>LabelSelector</c> object).</summary>
    public static LabelSelector Nothing { get; } = new([], matchesNothing: true);

    /// <summary>The selector that matches every object (an empty or absent query).</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>The ANDed requirements, in the order they were written.</summary>
    public IReadOnlyList<LabelRequirement> Requirements => requirements;

    /// <summary>True when the selector has no requirement and so matches everything.</summary>
    public bool IsEmpty => requirements.Count == 0 && !matchesNothing;

    /// <summary>Parses the query text; throws <see cref="FormatException"/> naming the bad term.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new LabelSelector(new LabelSelectorParser(text).ParseAll());
    }

    /// <summary>
    /// kube's LabelSelectorAsSelector for a <c>matchLabels</c>/<c>matchExpressions</c> object (a workload's
    /// <c>spec.selector</c>): null selects nothing, an empty selector everything. Throws <see cref="FormatException"/>
    /// for an unknown operator or invalid keys and values.
    /// </summary>
    public static LabelSelector FromObject(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            requirements.Add(LabelSelectorParser.Build(key, LabelSelectorOperator.Equals, [value], string.Empty));
        }

        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var op = expression.OperatorProperty switch
            {
                "In" => LabelSelectorOperator.In,
                "NotIn" => LabelSelectorOperator.NotIn,
                "Exists" => LabelSelectorOperator.Exists,
                "DoesNotExist" => LabelSelectorOperator.DoesNotExist,
                var other => throw new FormatException($"\"{other}\" is not a valid label selector operator"),
            };
            var values = (expression.Values ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (op is LabelSelectorOperator.Exists or LabelSelectorOperator.DoesNotExist && values.Count > 0)
            {
                throw new FormatException($"values: Invalid value: [{string.Join(" ", values)}]: values set must be empty for exists and does not exist");
            }

            requirements.Add(LabelSelectorParser.Build(expression.Key, op, values, string.Empty));
        }

        return new LabelSelector([.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)]);
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (matchesNothing)
        {
            return false;
        }

        foreach (var requirement in requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The selector in kube's canonical text form (e.g. <c>app=web,tier in (a,b)</c>).</summary>
    public override string ToString() => string.Join(",", requirements.Select(r => r.ToString()));
}

using System.Globalization;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>A parsed <c>labelSelector</c> query (=, ==, !=, in, notin, exists, !exists).</summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<LabelRequirement> requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => this.requirements = requirements;

    /// <summary>The selector that matches every object (an empty or absent query).</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>The ANDed requirements, in the order they were written.</summary>
    public IReadOnlyList<LabelRequirement> Requirements => requirements;

    /// <summary>True when the selector has no requirement and so matches everything.</summary>
    public bool IsEmpty => requirements.Count == 0;

    /// <summary>Parses the query text; throws <see cref="FormatException"/> naming the bad term.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new LabelSelector(new LabelSelectorParser(text).ParseAll());
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
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

    internal static string FormatInvariant(string format, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}

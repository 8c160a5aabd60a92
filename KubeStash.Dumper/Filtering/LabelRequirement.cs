namespace KubeStash.Dumper.Filtering;

/// <summary>One KubeStash label selector term: <c>key:value</c>, <c>key=value</c>, or a bare <c>key</c> (the label exists).</summary>
public sealed record LabelRequirement(string Key, string? Value)
{
    public static LabelRequirement Parse(string term)
    {
        var text = term.Trim();
        var at = text.IndexOfAny([':', '=']);
        var requirement = at < 0 ? new LabelRequirement(text, null) : new LabelRequirement(text[..at].Trim(), text[(at + 1)..].Trim());
        if (requirement.Key.Length == 0)
        {
            throw new ArgumentException($"label selector \"{term}\" has no key (write key:value, key=value or key)");
        }

        return requirement;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(Key, out var actual) && (Value is null || actual == Value);

    /// <summary>The same term in Kubernetes label selector syntax (for a server-side filter).</summary>
    public string ToSelector() => Value is null ? Key : $"{Key}={Value}";

    public override string ToString() => ToSelector();
}

using System.Text;

namespace KubeStash.Dumper.Output;

/// <summary>
/// Which fields of a JSON object <see cref="ManifestYaml"/> leaves out while writing it, as a tree that follows the
/// object: keys omitted at this level, rules for object-valued keys below it, and rules for every item of an
/// array-valued key. Lets the sanitizer's path-based rules run while the YAML is written, without building an object model.
/// </summary>
public sealed class OmittedFields
{
    private readonly byte[][] omitted;
    private readonly (byte[] Key, OmittedFields Rules)[] children;

    public OmittedFields(IEnumerable<string>? omit = null, IEnumerable<(string Key, OmittedFields Rules)>? children = null, OmittedFields? items = null, bool omitWhenEmpty = false)
    {
        omitted = [.. (omit ?? []).Select(Encoding.UTF8.GetBytes)];
        this.children = [.. (children ?? []).Select(c => (Encoding.UTF8.GetBytes(c.Key), c.Rules))];
        Items = items;
        OmitWhenEmpty = omitWhenEmpty;
    }

    /// <summary>Rules for each item when the value is an array.</summary>
    public OmittedFields? Items { get; }

    /// <summary>The key holding this object is left out too when none of the object's own keys remain.</summary>
    public bool OmitWhenEmpty { get; }

    /// <summary>Whether <paramref name="key"/> (UTF-8, unescaped) is left out at this level.</summary>
    public bool Omits(ReadOnlySpan<byte> key)
    {
        foreach (var candidate in omitted)
        {
            if (key.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The rules below <paramref name="key"/> (UTF-8, unescaped), if any.</summary>
    public OmittedFields? Below(ReadOnlySpan<byte> key)
    {
        foreach (var (candidate, rules) in children)
        {
            if (key.SequenceEqual(candidate))
            {
                return rules;
            }
        }

        return null;
    }
}

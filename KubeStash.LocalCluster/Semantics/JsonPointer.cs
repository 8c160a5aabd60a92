using System.Text;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>An RFC 6901 JSON pointer split into its unescaped reference tokens.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    /// <summary>Parses <paramref name="text"/>; null when it is not a pointer (no leading '/' or a bad '~' escape).</summary>
    public static JsonPointer? TryParse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            return null;
        }

        var tokens = new List<string>();
        var current = new StringBuilder();
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '/')
            {
                tokens.Add(current.ToString());
                current.Clear();
                continue;
            }

            if (text[i] == '~')
            {
                if (i + 1 >= text.Length || text[i + 1] is not ('0' or '1'))
                {
                    return null;
                }

                current.Append(text[i + 1] == '0' ? '~' : '/');
                i++;
                continue;
            }

            current.Append(text[i]);
        }

        return new JsonPointer(text, tokens);
    }

    /// <summary>True when this pointer names a location strictly inside <paramref name="other"/>'s value.</summary>
    public bool IsProperlyInside(JsonPointer other) =>
        Tokens.Count > other.Tokens.Count && other.Tokens.Select((t, i) => t == Tokens[i]).All(same => same);

    public override string ToString() => Text;
}

using System.Text.RegularExpressions;

namespace KubeStash.Operator.Builders;

/// <summary>
/// KubeStash's Function argument templating: <c>${name}</c> and <c>${name:=default}</c> are replaced by the value of
/// <c>name</c>, else the default (empty when none). Anything else is left as written.
/// </summary>
public static partial class ParameterSubstitution
{
    public static string Apply(string template, IReadOnlyDictionary<string, string> values)
        => Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            return values.TryGetValue(name, out var value) ? value : match.Groups["default"].Value;
        });

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:=(?<default>[^}]*))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

using System.Text;

namespace KubeStash.LocalCluster.Workloads;

/// <summary>
/// Kubernetes' $(VAR) expansion for command, args and env values: <c>$(NAME)</c> becomes the variable's value when
/// it is defined and stays as written otherwise; <c>$$</c> escapes a dollar, so <c>$$(NAME)</c> yields <c>$(NAME)</c>.
/// </summary>
public static class VariableExpansion
{
    public static string Expand(string input, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lookup);
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return input;
        }

        var output = new StringBuilder(input.Length);
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (c != '$' || i + 1 >= input.Length)
            {
                output.Append(c);
                i++;
                continue;
            }

            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i += 2;
            }
            else if (next == '(')
            {
                var close = input.IndexOf(')', i + 2);
                if (close < 0)
                {
                    // An unterminated reference is kept verbatim, as the kubelet does.
                    output.Append(input, i, input.Length - i);
                    break;
                }

                var name = input[(i + 2)..close];
                var value = name.Length == 0 ? null : lookup(name);
                output.Append(value ?? input[i..(close + 1)]);
                i = close + 1;
            }
            else
            {
                output.Append(c);
                i++;
            }
        }

        return output.ToString();
    }
}

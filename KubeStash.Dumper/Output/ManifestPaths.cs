using System.Buffers;
using System.Text;
using KubeStash.Dumper.Discovery;

namespace KubeStash.Dumper.Output;

/// <summary>
/// Where an object goes in a dump: <c>manifest/&lt;resource&gt;[.&lt;group&gt;]/cluster/&lt;name&gt;.yaml</c> or
/// <c>manifest/&lt;resource&gt;[.&lt;group&gt;]/namespaces/&lt;namespace&gt;/&lt;name&gt;.yaml</c>.
/// Names are escaped reversibly: ASCII letters, digits, <c>.</c>, <c>-</c> and <c>_</c> stay; every other UTF-8 byte
/// (including <c>%</c>) becomes <c>%XX</c> in upper-case hex, so <c>system:auth</c> is <c>system%3Aauth.yaml</c>.
/// </summary>
public static class ManifestPaths
{
    public const string Root = "manifest";

    private static readonly SearchValues<char> Unescaped = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_");

    public static string For(ApiResourceType type, string? ns, string name) =>
        type.Namespaced && ns is not null
            ? $"{Root}/{type.QualifiedName}/namespaces/{Escape(ns)}/{Escape(name)}.yaml"
            : $"{Root}/{type.QualifiedName}/cluster/{Escape(name)}.yaml";

    public static string Escape(string name)
    {
        if (name.AsSpan().IndexOfAnyExcept(Unescaped) < 0)
        {
            // Nearly every Kubernetes name (DNS labels and subdomains) needs no escaping.
            return name;
        }

        var builder = new StringBuilder(name.Length);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    public static string Unescape(string escaped)
    {
        var bytes = new List<byte>(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '%')
            {
                if (i + 2 >= escaped.Length)
                {
                    throw new FormatException($"\"{escaped}\" ends in an incomplete %XX escape");
                }

                bytes.Add(Convert.ToByte(escaped.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)escaped[i]);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}

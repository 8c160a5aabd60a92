using System.Text;
using System.Text.RegularExpressions;
using KubeStash.Operator.Runtime.Entities;

namespace KubeStash.Operator.Runtime.Reconciliation;

/// <summary>Finalizer strings: checks given ones and derives one from the finalizer class when none is given.</summary>
public static partial class FinalizerIdentifier
{
    /// <summary>"&lt;entity group&gt;/&lt;class name in kebab case, without a trailing 'Finalizer'&gt;-finalizer".</summary>
    public static string Derive(Type finalizerType, EntityType entity)
    {
        ArgumentNullException.ThrowIfNull(finalizerType);
        ArgumentNullException.ThrowIfNull(entity);
        var name = finalizerType.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (name.EndsWith("Finalizer", StringComparison.Ordinal) && name.Length > "Finalizer".Length)
        {
            name = name[..^"Finalizer".Length];
        }

        var kebab = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && kebab.Length > 0)
            {
                kebab.Append('-');
            }

            kebab.Append(char.ToLowerInvariant(c));
        }

        var local = kebab.Append("-finalizer").ToString();
        var domain = entity.Group.Length == 0 ? "kubernetes.io" : entity.Group;
        return Validate($"{domain}/{(local.Length > 63 ? local[..63].TrimEnd('-') : local)}");
    }

    /// <summary>Returns the identifier if it is a qualified name ("domain/name"), otherwise throws naming the problem.</summary>
    public static string Validate(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var slash = identifier.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == identifier.Length - 1)
        {
            throw new ArgumentException($"Finalizer identifier '{identifier}' must be a qualified name like 'example.com/cleanup'.", nameof(identifier));
        }

        var domain = identifier[..slash];
        var name = identifier[(slash + 1)..];
        if (domain.Length > 253 || !DomainPattern().IsMatch(domain))
        {
            throw new ArgumentException($"Finalizer identifier '{identifier}': prefix '{domain}' is not a DNS subdomain.", nameof(identifier));
        }

        if (name.Length > 63 || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Finalizer identifier '{identifier}': name '{name}' must be at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric.",
                nameof(identifier));
        }

        return identifier;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex NamePattern();
}

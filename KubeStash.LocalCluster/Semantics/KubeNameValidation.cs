using System.Text.RegularExpressions;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// Kubernetes' name rules (k8s.io/apimachinery/pkg/util/validation) with its exact error texts, so that a bad
/// selector is reported the way kube-apiserver reports it.
/// </summary>
internal static partial class KubeNameValidation
{
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string Dns1123SubdomainFormat = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const int QualifiedNameMaxLength = 63;
    private const int LabelValueMaxLength = 63;
    private const int Dns1123SubdomainMaxLength = 253;

    [GeneratedRegex("^" + QualifiedNameFormat + "$")]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^" + LabelValueFormat + "$")]
    private static partial Regex LabelValueRegex();

    [GeneratedRegex("^" + Dns1123SubdomainFormat + "$")]
    private static partial Regex Dns1123SubdomainRegex();

    /// <summary>IsQualifiedName: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static List<string> QualifiedNameErrors(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    errors.Add("prefix part must be non-empty");
                }
                else
                {
                    errors.AddRange(Dns1123SubdomainErrors(prefix).Select(e => "prefix part " + e));
                }

                break;
            default:
                errors.Add(RegexError(
                    "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                    QualifiedNameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > QualifiedNameMaxLength)
        {
            errors.Add("name part " + MaxLengthError(QualifiedNameMaxLength));
        }

        if (!QualifiedNameRegex().IsMatch(name))
        {
            errors.Add("name part " + RegexError(
                "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    /// <summary>IsValidLabelValue: empty, or at most 63 alphanumerics, '-', '_', '.' starting and ending alphanumeric.</summary>
    public static List<string> LabelValueErrors(string value)
    {
        var errors = new List<string>();
        if (value.Length > LabelValueMaxLength)
        {
            errors.Add(MaxLengthError(LabelValueMaxLength));
        }

        if (!LabelValueRegex().IsMatch(value))
        {
            errors.Add(RegexError(
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                LabelValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    public static List<string> Dns1123SubdomainErrors(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123SubdomainMaxLength)
        {
            errors.Add(MaxLengthError(Dns1123SubdomainMaxLength));
        }

        if (!Dns1123SubdomainRegex().IsMatch(value))
        {
            errors.Add(RegexError(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                Dns1123SubdomainFormat, "example.com"));
        }

        return errors;
    }

    private static string MaxLengthError(int length) => "must be no more than " + length + " characters";

    private static string RegexError(string message, string format, params string[] examples)
    {
        var text = message + " (e.g. ";
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                text += " or ";
            }

            text += "'" + examples[i] + "', ";
        }

        return text + "regex used for validation is '" + format + "')";
    }
}
